package org.c4j.replicator.internal.core;

import org.c4j.replicator.ConflictResolver;
import org.c4j.replicator.ReplicationFilter;

/**
 * The application's callbacks a replicator's workers consult. Immutable.
 *
 * @param pushFilter null = push everything
 * @param pullFilter null = accept everything
 * @param resolver   never null ({@link ConflictResolver#DEFAULT} unless the application gave one)
 */
public record ReplicationHooks(ReplicationFilter pushFilter, ReplicationFilter pullFilter, ConflictResolver resolver) {
    public ReplicationHooks {
        if (resolver == null) {
            resolver = ConflictResolver.DEFAULT;
        }
    }

    public static final ReplicationHooks NONE = new ReplicationHooks(null, null, null);
}
