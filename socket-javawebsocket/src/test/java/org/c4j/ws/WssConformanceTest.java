package org.c4j.ws;

import org.c4j.socket.testkit.TransportConformanceSuite;
import org.c4j.socket.testkit.TransportHarness;
import org.c4j.socket.testkit.TransportTraits;
import org.c4j.ws.internal.Tuning;

/**
 * The socket-testkit conformance suite against the ws transport over TLS: {@link WebSocketClientFactory} clients
 * pinning the listener's self-signed certificate, and a {@link WebSocketListenerTransport} presenting it on 127.0.0.1
 * ({@code wss:}). Same promises as {@link WebSocketConformanceTest}.
 */
public class WssConformanceTest extends TransportConformanceSuite {
    /**
     * What the listener's send-queue bound ({@link Tuning#MAX_SEND_QUEUE}) also charges besides payload bytes:
     * {@link Tuning#SEND_QUEUE_ENTRY_COST} per queued frame and the frames' headers, for the suite's at most 144 writes.
     */
    static final long SEND_QUEUE_MARGIN = 64 * 1024;

    @Override
    protected TransportHarness createHarness() {
        return TransportHarness.withBaseOptions(TransportHarness.of(new WebSocketClientFactory(),
                        WebSocketListenerTransport.builder().networkInterface("127.0.0.1").port(0)
                                .tlsIdentity(TestIdentities.SELF_SIGNED_SERVER).build(),
                        TransportTraits.http("wss", Tuning.RECEIVE_WINDOW + Tuning.READ_BUFFER)
                                .withMaxMessageBytes(Tuning.MAX_MESSAGE)
                        .withMaxUnwrittenBytes(Tuning.MAX_SEND_QUEUE - SEND_QUEUE_MARGIN)),
                WssFixture.pinned(TestIdentities.SELF_SIGNED_SERVER));
    }
}
