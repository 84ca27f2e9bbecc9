package org.c4j.internal.db;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.c4j.CollectionChange;
import org.c4j.CollectionSpec;
import org.c4j.DocumentChange;
import org.c4j.ListenerToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observers of one database handle: collection observers get each committed batch of changes, document
 * observers each change of their document. Callbacks run on the handle's serial executor, in commit order,
 * after the commit; an observer that throws is logged and doesn't affect others.
 *
 * <p>Thread-safe.
 */
public final class ChangeNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

    private final Executor executor;
    private final Map<CollectionSpec, List<Consumer<CollectionChange>>> collectionObservers = new ConcurrentHashMap<>();
    private final Map<CollectionSpec, Map<String, List<Consumer<DocumentChange>>>> documentObservers =
            new ConcurrentHashMap<>();

    public ChangeNotifier(Executor executor) {
        this.executor = executor;
    }

    public ListenerToken addCollectionObserver(CollectionSpec spec, Consumer<CollectionChange> observer) {
        List<Consumer<CollectionChange>> list =
                collectionObservers.computeIfAbsent(spec, k -> new CopyOnWriteArrayList<>());
        list.add(observer);
        return () -> list.remove(observer);
    }

    public ListenerToken addDocumentObserver(CollectionSpec spec, String docId, Consumer<DocumentChange> observer) {
        List<Consumer<DocumentChange>> list = documentObservers
                .computeIfAbsent(spec, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(docId, k -> new CopyOnWriteArrayList<>());
        list.add(observer);
        return () -> list.remove(observer);
    }

    /** True if anyone observes the collection (so callers can skip building change lists). */
    public boolean hasObservers(CollectionSpec spec) {
        List<?> c = collectionObservers.get(spec);
        Map<String, ?> d = documentObservers.get(spec);
        return (c != null && !c.isEmpty()) || (d != null && !d.isEmpty());
    }

    /** Queues delivery of a committed batch. */
    public void post(CollectionSpec spec, List<DocumentChange> changes, boolean external) {
        if (changes.isEmpty() || !hasObservers(spec)) {
            return;
        }
        CollectionChange batch = new CollectionChange(spec, changes, external);
        try {
            executor.execute(() -> deliver(batch));
        } catch (RejectedExecutionException e) {
            LOG.debug("database closed; dropping change notification for {}", spec);
        }
    }

    private void deliver(CollectionChange batch) {
        for (Consumer<CollectionChange> o : collectionObservers.getOrDefault(batch.collection(), List.of())) {
            try {
                o.accept(batch);
            } catch (RuntimeException e) {
                LOG.warn("collection observer threw", e);
            }
        }
        Map<String, List<Consumer<DocumentChange>>> docs = documentObservers.get(batch.collection());
        if (docs == null || docs.isEmpty()) {
            return;
        }
        for (DocumentChange c : batch.changes()) {
            for (Consumer<DocumentChange> o : docs.getOrDefault(c.docId(), List.of())) {
                try {
                    o.accept(c);
                } catch (RuntimeException e) {
                    LOG.warn("document observer threw", e);
                }
            }
        }
    }
}
