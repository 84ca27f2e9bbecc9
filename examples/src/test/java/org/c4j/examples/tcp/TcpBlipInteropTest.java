package org.c4j.examples.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipConnection;
import org.c4j.blip.ConnectionListener;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.SocketFactory;
import org.c4j.ws.WebSocketClientFactory;
import org.c4j.ws.WebSocketListenerTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BLIP over the example TCP transport, against itself and against the Java-WebSocket-based ws transport in both
 * directions: the engine's own WebSocket framing (byte stream) and a WebSocket library (messages) agree on the
 * wire. Requests of random sizes go both ways and are echoed; then a normal close ends both sides with no error.
 */
class TcpBlipInteropTest {
    private static final long WAIT_S = 20;

    @ParameterizedTest(name = "{0} client -> {1} listener")
    @CsvSource({"tcp, tcp", "tcp, ws", "ws, tcp"})
    void blipRequestsCrossTheWire(String clientKind, String listenerKind) throws Exception {
        SocketFactory factory = clientKind.equals("tcp") ? new TcpSocketFactory() : new WebSocketClientFactory();
        ListenerTransport listener = listenerKind.equals("tcp")
                ? new TcpListenerTransport(InetAddress.getLoopbackAddress(), 0)
                : WebSocketListenerTransport.builder().disableTls().networkInterface("127.0.0.1").port(0).build();
        List<C4Exception> closes = new CopyOnWriteArrayList<>();
        CountDownLatch closed = new CountDownLatch(2);
        ConnectionListener recorder = new ConnectionListener() {
            @Override
            public void onClose(C4Exception errorOrNull) {
                closes.add(errorOrNull);
                closed.countDown();
            }
        };
        CompletableFuture<BlipConnection> serverSide = new CompletableFuture<>();
        listener.start(new SocketAcceptor() {
            @Override
            public void accept(C4Socket socket, IncomingRequest request) {
                BlipConnection server = BlipConnection.create(socket, BlipConfig.builder().name("server").build());
                server.setRequestHandler("echo", TcpBlipInteropTest::echo);
                server.addListener(recorder);
                server.start();
                serverSide.complete(server);
            }
        });
        try {
            C4Socket socket = factory.create(URI.create("ws://127.0.0.1:" + listener.port() + "/db/_blipsync"),
                    OptionsDict.EMPTY);
            BlipConnection client = BlipConnection.create(socket, BlipConfig.builder().name("client").build());
            client.setRequestHandler("echo", TcpBlipInteropTest::echo);
            client.addListener(recorder);
            client.start();
            BlipConnection server = serverSide.get(WAIT_S, TimeUnit.SECONDS);
            Random r = new Random(clientKind.hashCode() * 31L + listenerKind.hashCode());
            List<byte[]> bodies = new ArrayList<>();
            List<CompletableFuture<IncomingMessage>> replies = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                byte[] body = new byte[r.nextInt(8) == 0 ? r.nextInt(400_000) : r.nextInt(3000)];
                r.nextBytes(body);
                bodies.add(body);
                replies.add((i % 2 == 0 ? client : server).send(OutgoingMessage.request("echo").body(body)
                        .compressed(r.nextBoolean()).urgent(r.nextInt(5) == 0).build()));
            }
            for (int i = 0; i < replies.size(); i++) {
                assertArrayEquals(bodies.get(i), replies.get(i).get(WAIT_S, TimeUnit.SECONDS).body(), "reply " + i);
            }
            client.close();
            assertTrue(closed.await(WAIT_S, TimeUnit.SECONDS), "both sides closed");
            assertEquals(Arrays.asList(null, null), closes);
        } finally {
            listener.stop();
        }
    }

    private static void echo(IncomingMessage req) {
        req.respond(OutgoingMessage.builder().body(req.body()).build());
    }
}
