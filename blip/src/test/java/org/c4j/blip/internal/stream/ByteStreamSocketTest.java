package org.c4j.blip.internal.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.ConnectionListener;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.Framing;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.testkit.LoopbackConfig;
import org.c4j.socket.testkit.LoopbackPair;
import org.c4j.socket.testkit.RecordingDelegate;
import org.junit.jupiter.api.Test;

/**
 * BLIP over byte-stream sockets: two {@link BlipConnection}s whose sockets are {@link StreamSide}s (bytes cut
 * anywhere), so {@link ByteStreamSocket} does the WebSocket framing, masking, pings and close handshake.
 */
class ByteStreamSocketTest {
    private static final long WAIT_S = 20;

    private static final class Ends {
        final LoopbackPair pair;
        final BlipConnection client;
        final BlipConnection server;
        final List<C4Exception> closes = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(2);

        Ends(long seed) {
            pair = LoopbackPair.create(LoopbackConfig.builder().bufferBytes(256 * 1024).build());
            client = BlipConnection.create(new StreamSide(pair.client(), Framing.BYTE_STREAM_CLIENT, seed),
                    BlipConfig.builder().name("client").build());
            server = BlipConnection.create(new StreamSide(pair.server(), Framing.BYTE_STREAM_SERVER, ~seed),
                    BlipConfig.builder().name("server").build());
            for (BlipConnection c : List.of(client, server)) {
                c.setRequestHandler("echo", req -> req.respond(OutgoingMessage.builder().body(req.body()).build()));
                c.addListener(new ConnectionListener() {
                    @Override
                    public void onClose(C4Exception errorOrNull) {
                        closes.add(errorOrNull);
                        closed.countDown();
                    }
                });
            }
            server.start();
            client.start();
        }
    }

    @Property(tries = 15)
    void requestsAndRepliesCrossByteStreamsBothWays(@ForAll long seed) throws Exception {
        Ends ends = new Ends(seed);
        Random r = new Random(seed);
        List<CompletableFuture<IncomingMessage>> replies = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] body = new byte[r.nextInt(10) == 0 ? r.nextInt(300_000) : r.nextInt(2000)];
            r.nextBytes(body);
            bodies.add(body);
            BlipConnection from = i % 2 == 0 ? ends.client : ends.server;
            replies.add(from.send(OutgoingMessage.request("echo").body(body).compressed(r.nextBoolean()).build()));
        }
        for (int i = 0; i < replies.size(); i++) {
            assertArrayEquals(bodies.get(i), replies.get(i).get(WAIT_S, TimeUnit.SECONDS).body(), "reply " + i);
        }
        (r.nextBoolean() ? ends.client : ends.server).close();
        assertTrue(ends.closed.await(WAIT_S, TimeUnit.SECONDS), "both closed");
        Thread.sleep(20);
        assertEquals(java.util.Arrays.asList(null, null), ends.closes);
    }

    @Test
    void aDroppedStreamIsAnAbnormalClose() throws Exception {
        Ends ends = new Ends(1);
        ends.client.send(OutgoingMessage.request("echo").body(new byte[10]).build()).get(WAIT_S, TimeUnit.SECONDS);
        ends.pair.disconnect();
        assertTrue(ends.closed.await(WAIT_S, TimeUnit.SECONDS));
        for (C4Exception e : ends.closes) {
            assertNotNull(e);
        }
    }

    @Test
    void aTextFrameFromThePeerClosesWith1003() throws Exception, StreamProtocolException {
        LoopbackPair pair = LoopbackPair.create();
        List<C4Exception> closes = new CopyOnWriteArrayList<>();
        CountDownLatch closed = new CountDownLatch(1);
        BlipConnection client = BlipConnection.create(new StreamSide(pair.client(), Framing.BYTE_STREAM_CLIENT, 3),
                BlipConfig.builder().name("client").build());
        client.addListener(new ConnectionListener() {
            @Override
            public void onClose(C4Exception errorOrNull) {
                closes.add(errorOrNull);
                closed.countDown();
            }
        });
        RecordingDelegate peer = RecordingDelegate.autoReleasing(pair.server());
        pair.server().open(peer);
        client.start();
        assertTrue(peer.awaitOpened(Duration.ofSeconds(WAIT_S)));
        pair.server().write(ByteBuffer.wrap(new byte[] {(byte) 0x81, 2, 'h', 'i'}));
        // The adapter answers with a masked close frame 1003 and ends the stream.
        assertTrue(peer.awaitEvents(l -> l.stream().anyMatch(e -> e instanceof RecordingDelegate.Event.CloseRequested),
                Duration.ofSeconds(WAIT_S)), peer::toString);
        pair.server().requestClose(1000, "");
        assertTrue(closed.await(WAIT_S, TimeUnit.SECONDS));
        assertEquals(ErrorDomain.WEBSOCKET, closes.get(0).domain());
        assertEquals(1003, closes.get(0).code());
        // What the engine sent: one masked close frame (a server-side reader accepts only masked frames).
        List<String> got = new ArrayList<>();
        FrameReader serverSide = new FrameReader(true);
        for (byte[] chunk : peer.receivedMessages()) {
            serverSide.feed(ByteBuffer.wrap(chunk), new FrameReader.Events() {
                public void message(ByteBuffer data) { got.add("message"); }
                public void ping(ByteBuffer payload) { got.add("ping"); }
                public void pong() { got.add("pong"); }
                public void close(int code, String reason) { got.add("close " + code); }
            });
        }
        assertEquals(List.of("close 1003"), got);
    }

    @Test
    void theConnectionSetupEventsReachTheEngine() throws Exception {
        LoopbackPair pair = LoopbackPair.create();
        C4Socket adapter = ByteStreamSocket.messageFramed(new StreamSide(pair.client(), Framing.BYTE_STREAM_CLIENT, 5));
        RecordingDelegate engine = new RecordingDelegate();
        pair.server().open(new RecordingDelegate());
        adapter.open(engine);
        assertTrue(engine.awaitOpened(Duration.ofSeconds(WAIT_S)));
        // the loopback sends no chain; the adapter hands one up as it comes
        ((SocketDelegate) adapter).gotPeerCertificates(List.of());
        assertTrue(engine.events().get(0) instanceof RecordingDelegate.Event.HttpResponse, engine::toString);
        assertTrue(engine.events().stream().anyMatch(e -> e instanceof RecordingDelegate.Event.PeerCertificates),
                engine::toString);
        adapter.close();
    }

    @Test
    void messageFramedSocketsAreLeftAlone() {
        LoopbackPair pair = LoopbackPair.create();
        assertEquals(pair.client(), ByteStreamSocket.messageFramed(pair.client()));
    }
}
