package org.c4j.ws;

import org.c4j.socket.testkit.TransportConformanceSuite;
import org.c4j.socket.testkit.TransportHarness;
import org.c4j.socket.testkit.TransportTraits;
import org.c4j.ws.internal.Tuning;

/**
 * The socket-testkit conformance suite against the ws transport: {@link WebSocketClientFactory} clients and a
 * {@link WebSocketListenerTransport} on 127.0.0.1 (plain ws), with its 1 MiB message limit. Its receive bound is
 * the 64 KiB window plus one 32 KiB read buffer: reading pauses once more than the window is unreleased, but the
 * messages of the chunk already read are still delivered (as {@link Tuning#RECEIVE_WINDOW} says).
 */
public class WebSocketConformanceTest extends TransportConformanceSuite {
    /**
     * What the listener's send-queue bound ({@link Tuning#MAX_SEND_QUEUE}) also charges besides payload bytes:
     * {@link Tuning#SEND_QUEUE_ENTRY_COST} per queued frame and the frames' headers, for the suite's at most 144 writes.
     */
    static final long SEND_QUEUE_MARGIN = 64 * 1024;

    @Override
    protected TransportHarness createHarness() {
        return TransportHarness.of(new WebSocketClientFactory(),
                WebSocketListenerTransport.builder().disableTls().networkInterface("127.0.0.1").port(0).build(),
                TransportTraits.http("ws", Tuning.RECEIVE_WINDOW + Tuning.READ_BUFFER).withMaxMessageBytes(Tuning.MAX_MESSAGE)
                        .withMaxUnwrittenBytes(Tuning.MAX_SEND_QUEUE - SEND_QUEUE_MARGIN));
    }
}
