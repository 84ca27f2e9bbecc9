package org.c4j.socket.testkit;

/**
 * One end of a {@link LoopbackPair}. Counters and faults that concern one direction are keyed by the side that
 * <em>sends</em> (so {@code CLIENT} means client-to-server).
 *
 * <p><b>Contract rule:</b> per-direction counters and faults are keyed by the sending side.
 */
public enum Side {
    /** The connecting side: {@link LoopbackPair#client()}. */
    CLIENT,
    /** The accepting side: {@link LoopbackPair#server()}. */
    SERVER;

    /** The other side. */
    public Side peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
