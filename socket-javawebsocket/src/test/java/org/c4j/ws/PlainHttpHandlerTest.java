package org.c4j.ws;

import static org.c4j.ws.Fixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.c4j.socket.OptionsDict;
import org.c4j.socket.PlainHttpRequest;
import org.c4j.socket.PlainHttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain HTTP requests on the listener port reach the transport's PlainHttpHandler; upgrades are unaffected. */
public class PlainHttpHandlerTest {
    private final List<PlainHttpRequest> seen = new CopyOnWriteArrayList<>();
    private TestAcceptor acceptor;
    private WebSocketListenerTransport listener;

    @BeforeEach
    void start() {
        acceptor = new TestAcceptor(Set.of("db"), true);
        listener = WebSocketListenerTransport.builder().disableTls().networkInterface("127.0.0.1").httpHandler(rq -> {
            seen.add(rq);
            if (rq.path().equals("/boom")) {
                throw new IllegalStateException("handler bug");
            }
            if (!rq.path().equals("/db/_session")) {
                return null;
            }
            return PlainHttpResponse.json(200, Map.of("Set-Cookie", List.of("a=1; Path=/db", "b=2; Path=/db"),
                    "X-Evil", List.of("x\r\nInjected: yes")), "{\"body\":\"" + new String(rq.body(),
                    StandardCharsets.UTF_8).replace("\"", "'") + "\",\"method\":\"" + rq.method() + "\"}");
        }).build();
        listener.start(acceptor);
    }

    @AfterEach
    void stop() {
        listener.stop();
    }

    /** Sends {@code parts} (with a pause between them) and returns the whole response. */
    private String exchange(String... parts) throws Exception {
        try (Socket s = new Socket("127.0.0.1", listener.port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            for (String p : parts) {
                out.write(p.getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(50);
            }
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void postWithABodySplitAcrossWritesReachesTheHandler() throws Exception {
        String body = "{\"name\": \"ada\", \"password\": \"pw\"}";
        String r = exchange("POST /db/_session?x=1 HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 5), body.substring(5));
        assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r);
        assertTrue(r.contains("\r\nSet-Cookie: a=1; Path=/db\r\n") && r.contains("\r\nSet-Cookie: b=2; Path=/db\r\n"),
                r);
        assertTrue(!r.contains("Injected"), "a header value with CR/LF is dropped: " + r);
        assertTrue(r.contains("Connection: close"), r);
        assertTrue(r.endsWith("{\"body\":\"{'name': 'ada', 'password': 'pw'}\",\"method\":\"POST\"}"), r);
        PlainHttpRequest rq = seen.get(0);
        assertEquals("/db/_session", rq.path());
        assertEquals("x=1", rq.query());
        assertEquals("application/json", rq.header("content-type"));
        assertTrue(!rq.tls());
    }

    @Test
    void getAndDeleteWithoutBodies() throws Exception {
        assertTrue(exchange("GET /db/_session HTTP/1.1\r\nHost: h\r\n\r\n").contains("\"method\":\"GET\""));
        assertTrue(exchange("DELETE /db/_session HTTP/1.1\r\nHost: h\r\n\r\n").contains("\"method\":\"DELETE\""));
    }

    @Test
    void oversizedChunkedMalformedAndUnservedRequests() throws Exception {
        assertTrue(exchange("POST /db/_session HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n{").startsWith(
                "HTTP/1.1 413"));
        assertTrue(exchange("POST /db/_session HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n0\r\n\r\n")
                .startsWith("HTTP/1.1 411"));
        assertTrue(exchange("POST /db/_session HTTP/1.1\r\nContent-Length: x\r\n\r\n").startsWith("HTTP/1.1 400"));
        assertTrue(exchange("GET /other HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404"), "handler said null");
        assertTrue(exchange("GET /boom HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 500"));
        assertEquals(2, seen.size(), "only the requests with acceptable bodies reached the handler");
    }

    @Test
    void webSocketUpgradesStillWork() throws Exception {
        WebSocketClientFactory factory = new WebSocketClientFactory();
        org.c4j.socket.C4Socket socket = factory.create(java.net.URI.create("ws://127.0.0.1:" + listener.port()
                + "/db/_blipsync"), OptionsDict.EMPTY);
        org.c4j.socket.testkit.RecordingDelegate r = org.c4j.socket.testkit.RecordingDelegate.autoReleasing(socket);
        socket.open(r);
        assertTrue(r.awaitOpened(WAIT), r::toString);
        socket.close();
        assertEquals(List.of(), seen);
    }
}
