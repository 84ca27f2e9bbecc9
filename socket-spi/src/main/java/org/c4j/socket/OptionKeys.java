package org.c4j.socket;

/** PLACEHOLDER: LiteCore option key constants, filled in this session. */
public final class OptionKeys {
    private OptionKeys() {
    }
}
