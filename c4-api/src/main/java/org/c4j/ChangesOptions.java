package org.c4j;

import org.c4j.internal.Tuning;

/**
 * Options of {@link Collection#changes} and {@link Collection#allDocuments}: include bodies, include deleted
 * documents (tombstones), and the most entries per batch.
 *
 * <p>Immutable; thread-safe.
 */
public record ChangesOptions(boolean withBodies, boolean includeDeleted, int limit) {
    /** No bodies, tombstones included, batches of {@value org.c4j.internal.Tuning#DEFAULT_CHANGES_BATCH}. */
    public static final ChangesOptions DEFAULT = new ChangesOptions(false, true, Tuning.DEFAULT_CHANGES_BATCH);

    public ChangesOptions {
        if (limit <= 0) {
            throw org.c4j.internal.Errors.invalid("limit must be positive");
        }
    }

    public ChangesOptions withBodies(boolean bodies) {
        return new ChangesOptions(bodies, includeDeleted, limit);
    }

    public ChangesOptions withIncludeDeleted(boolean deleted) {
        return new ChangesOptions(withBodies, deleted, limit);
    }

    public ChangesOptions withLimit(int max) {
        return new ChangesOptions(withBodies, includeDeleted, max);
    }
}
