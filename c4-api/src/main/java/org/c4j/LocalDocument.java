package org.c4j;

/**
 * A local (non-replicated) document, e.g. a replication checkpoint: an ID, an optional opaque {@code meta} string
 * (such as a checkpoint's revision) and a JSON body.
 *
 * <p>Immutable; thread-safe.
 */
public record LocalDocument(String id, String meta, String json) {
}
