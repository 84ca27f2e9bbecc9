package org.c4j.internal.db;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The database handles open in this process, per database directory, so a commit through one handle can notify
 * the observers of the others (as external changes), as LiteCore does for connections to the same file.
 *
 * <p>Thread-safe.
 */
public final class OpenHandles {
    private static final Map<Path, List<ChangeNotifier>> OPEN = new ConcurrentHashMap<>();

    private OpenHandles() {
    }

    public static void add(Path realDir, ChangeNotifier n) {
        OPEN.computeIfAbsent(realDir, k -> new CopyOnWriteArrayList<>()).add(n);
    }

    public static void remove(Path realDir, ChangeNotifier n) {
        OPEN.computeIfPresent(realDir, (k, list) -> {
            list.remove(n);
            return list.isEmpty() ? null : list;
        });
    }

    /** True if another handle on the same directory observes the collection. */
    public static boolean othersObserve(Path realDir, ChangeNotifier self, org.c4j.CollectionSpec spec) {
        List<ChangeNotifier> all = OPEN.get(realDir);
        if (all == null) {
            return false;
        }
        for (ChangeNotifier n : all) {
            if (n != self && n.hasObservers(spec)) {
                return true;
            }
        }
        return false;
    }

    /** The other handles' notifiers on the same directory. */
    public static List<ChangeNotifier> others(Path realDir, ChangeNotifier self) {
        List<ChangeNotifier> all = OPEN.get(realDir);
        if (all == null) {
            return List.of();
        }
        return all.stream().filter(n -> n != self).toList();
    }
}
