package org.c4j.blip;

/** What an {@link IncomingMessage} is. Immutable; thread-safe. */
public enum MessageKind {
    /** A request from the peer ({@code MSG}). */
    REQUEST,
    /** A successful reply to one of our requests ({@code RPY}). */
    REPLY,
    /** An error reply to one of our requests ({@code ERR}), with {@code Error-Domain} and {@code Error-Code}. */
    ERROR
}
