package org.c4j;

import java.util.List;

/**
 * A batch of changes to one collection, committed together, as delivered to a collection observer.
 * {@code external} is true for changes made through another {@link Database} handle on the same files (in this
 * process) and for revisions inserted with {@link InsertRequest#external()} (the replicator's pulls).
 *
 * <p>Immutable; thread-safe.
 */
public record CollectionChange(CollectionSpec collection, List<DocumentChange> changes, boolean external) {
    public CollectionChange {
        changes = List.copyOf(changes);
    }
}
