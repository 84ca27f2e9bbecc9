package org.c4j.socket;

/**
 * PLACEHOLDER being replaced in this session by the full immutable MessagePack-encoded dictionary.
 */
public final class OptionsDict {
    public static final OptionsDict EMPTY = new OptionsDict();

    private OptionsDict() {
    }
}
