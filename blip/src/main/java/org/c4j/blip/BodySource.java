package org.c4j.blip;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Streams the body of an {@link OutgoingMessage} frame by frame, so a large body (a 100 MB blob) never has to be in
 * memory at once.
 *
 * <p>Called only on the connection's executor, one frame's worth at a time, as the outbox gets to the message; it must
 * return quickly (reading a file or memory is fine, waiting on the network is not). A source is consumed by one send:
 * build a new message with a new source to send the data again.
 */
@FunctionalInterface
public interface BodySource {

    /**
     * Copies the next bytes of the body into {@code dst} (from its position, at most {@code dst.remaining()}).
     * The buffer belongs to the connection and must not be kept after the call.
     *
     * @return the number of bytes copied, at least one when {@code dst} has room, or -1 at the end of the body
     * @throws IOException if the data cannot be read: a message cannot be cut short on the wire, so the connection
     *                     closes (WebSocket code 1011) and reports the error
     */
    int read(ByteBuffer dst) throws IOException;
}
