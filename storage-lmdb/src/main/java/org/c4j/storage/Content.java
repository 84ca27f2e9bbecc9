package org.c4j.storage;

/** How much of a record a read loads (after LiteCore's {@code ContentOption}). Immutable; thread-safe. */
public enum Content {
    /** Key, version, sequence, flags and expiration; {@link Record#body()} and {@link Record#extra()} are null. */
    META,
    /** {@link #META} plus the body; {@link Record#extra()} is null. */
    BODY,
    /** Everything, including {@link Record#extra()}. */
    ALL
}
