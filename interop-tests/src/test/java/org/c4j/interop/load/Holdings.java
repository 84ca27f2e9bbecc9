package org.c4j.interop.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.c4j.Database;
import org.c4j.Document;

/**
 * What every side of a load run should hold, and whether it does: the listener the shared documents (its own and
 * those of the pushing clients) and none of a pull-only client's; each pulling client every shared document; every
 * client its own. Reads the databases at the moment it is asked; thread-safe as the clients are.
 */
final class Holdings {
    private final Database server;
    private final List<LoadClient> clients;
    private final List<String> listenerCreated;

    /** @param listenerCreated the documents the listener's own writer created (a live list) */
    Holdings(Database server, List<LoadClient> clients, List<String> listenerCreated) {
        this.server = server;
        this.clients = clients;
        this.listenerCreated = listenerCreated;
    }

    /** Every document that should reach the listener: its own and those of the pushing clients. */
    List<String> sharedIds() {
        List<String> ids = new ArrayList<>(listenerCreated);
        for (LoadClient c : clients) {
            if (c.mode.pushes) {
                ids.addAll(c.created());
            }
        }
        return ids;
    }

    /** The documents client {@code c} should hold: its own, plus everything shared if it pulls. */
    private static List<String> wanted(LoadClient c, List<String> shared) {
        List<String> out = new ArrayList<>(c.mode.pulls ? shared : List.of());
        if (!c.mode.pushes || !c.mode.pulls) {
            out.addAll(c.created()); // a push-and-pull client's own documents are among the shared ones
        }
        return out;
    }

    /** Cheap check first: the listener and every client hold as many documents as they should. */
    boolean countsConverged() {
        List<String> shared = sharedIds();
        if (server.defaultCollection().count() != shared.size()) {
            return false;
        }
        for (LoadClient c : clients) {
            if (c.count() != wanted(c, shared).size()) {
                return false;
            }
        }
        return true;
    }

    /** The clients (and the listener) that do not hold what they should, or are not idle, described. */
    List<String> lagging() {
        List<String> shared = sharedIds();
        List<String> out = new ArrayList<>();
        long have = server.defaultCollection().count();
        if (have != shared.size()) {
            out.add("listener has " + have + " of " + shared.size());
        }
        for (LoadClient c : clients) {
            long want = wanted(c, shared).size();
            long n = c.count();
            if (n != want || !c.idle()) {
                out.add(c + " has " + n + " of " + want + (c.idle() ? "" : ", busy")
                        + (c instanceof C4jLoadClient j ? " " + j.status() : ""));
            }
        }
        return out;
    }

    /**
     * Every document where it should be, with the same revision everywhere: the listener holds the shared documents
     * and none of a pull-only client's (they never leave it); each client holds what {@link #wanted} says, with the
     * listener's revision for shared ones. Reports the first few differences per client.
     */
    List<String> verify() {
        List<String> errors = new ArrayList<>();
        List<String> shared = sharedIds();
        Map<String, String> revs = new HashMap<>();
        int lacking = 0;
        for (String id : shared) {
            Document d = server.defaultCollection().get(id);
            if (d == null || d.isDeleted()) {
                if (lacking++ < 3) {
                    errors.add("listener lacks " + id);
                }
            } else {
                revs.put(id, d.revId());
            }
        }
        if (lacking > 3) {
            errors.add("listener lacks " + (lacking - 3) + " more documents");
        }
        for (LoadClient c : clients) {
            int wrong = 0;
            for (String id : wanted(c, shared)) {
                String have = c.revId(id);
                boolean ok = revs.containsKey(id) ? revs.get(id).equals(have) : have != null;
                if (!ok && wrong++ < 3) {
                    errors.add(c + ": " + id + " is " + have + ", the listener has " + revs.get(id));
                }
            }
            if (!c.mode.pushes) {
                for (String id : c.created()) {
                    if (server.defaultCollection().get(id) != null) {
                        errors.add("the listener has " + id + " of pull-only " + c);
                    }
                }
            }
            if (wrong > 3) {
                errors.add(c + ": " + (wrong - 3) + " more documents differ");
            }
        }
        return errors;
    }
}
