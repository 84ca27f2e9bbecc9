package org.c4j.blip;

import java.nio.ByteBuffer;

/**
 * Receives the body of a successful reply piece by piece as its frames arrive, instead of the connection buffering
 * it (see {@link OutgoingMessage.Builder#replySink}). Error replies are never streamed: their body (the error message)
 * is buffered as usual.
 *
 * <p>Called only on the connection's executor, in order; must not block. The buffer holds the next bytes between its
 * position and limit and is only valid during the call (copy what you keep). If the sink throws, the rest of the reply
 * is discarded and the send's future fails with that exception.
 */
@FunctionalInterface
public interface BodySink {

    /** The next bytes of the reply body. */
    void accept(ByteBuffer chunk);
}
