package org.c4j.ws;

import static org.c4j.ws.Fixture.WAIT;
import static org.c4j.ws.WebSocketListenerTransportTest.assertClean;
import static org.c4j.ws.WebSocketListenerTransportTest.assertWebSocketError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.RecordingDelegate.Event;
import org.c4j.socket.testkit.RecordingDelegate;
import org.junit.jupiter.api.Test;

/** The client factory against the listener (auth, refusals) and against nothing or a mute server. */
public class WebSocketClientFactoryTest {
    private static final PasswordAuthenticator PUPSHAW = (u, p) -> u.equals("pupshaw") && p.equals("frank");

    @Test
    void basicAuthWithTheRightPasswordOpensAndNamesTheUser() throws Exception {
        try (Fixture f = new Fixture(true, PUPSHAW)) {
            Fixture.Client c = f.connect(basic("pupshaw", "frank", false));
            assertTrue(c.recorder().awaitOpened(WAIT), c.recorder()::toString);
            TestAcceptor.Accepted a = f.acceptor.awaitAccepted(0, WAIT);
            assertEquals("pupshaw", a.request().user());
            c.socket().requestClose(1000, "");
            assertTrue(c.recorder().awaitClosed(WAIT));
            assertClean(c.recorder());
        }
    }

    @Test
    void wrongOrMissingCredentialsGet401WithAChallengeAndNeverReachTheAcceptor() throws Exception {
        try (Fixture f = new Fixture(true, PUPSHAW)) {
            for (OptionsDict options : List.of(basic("pupshaw", "wrong", false), OptionsDict.EMPTY,
                    basic("pupshaw", "wrong", true))) {
                Fixture.Client c = f.connect(options);
                assertTrue(c.recorder().awaitClosed(WAIT));
                assertWebSocketError(c.recorder(), 401);
                Event.HttpResponse response = (Event.HttpResponse) c.recorder().events().get(0);
                assertEquals(401, response.status());
                assertEquals(List.of("Basic realm=\"Couchbase Lite\""),
                        caseInsensitive(response.headers()).get("www-authenticate"));
                assertClean(c.recorder());
            }
            Thread.sleep(200);
            assertEquals(List.of(), f.acceptor.accepted());
        }
    }

    @Test
    void challengeAuthSendsCredentialsOnlyAfterThe401AndReportsOnlyTheFinalResponse() throws Exception {
        try (Fixture f = new Fixture(true, PUPSHAW)) {
            Fixture.Client c = f.connect(basic("pupshaw", "frank", true));
            assertTrue(c.recorder().awaitOpened(WAIT), c.recorder()::toString);
            List<Event> events = c.recorder().events();
            assertEquals(new Event.Opened(), events.get(1));
            assertEquals(101, ((Event.HttpResponse) events.get(0)).status());
            assertEquals("pupshaw", f.acceptor.awaitAccepted(0, WAIT).request().user());
            c.socket().close();
        }
    }

    @Test
    void sessionCookieBearerTokenExtraHeadersAndCookiesReachTheListener() throws Exception {
        try (Fixture f = new Fixture(true, null)) {
            OptionsDict session = OptionsDict.builder()
                    .putDict(OptionKeys.AUTH, Map.of(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_SESSION,
                            OptionKeys.AUTH_TOKEN, "s3ss10n"))
                    .put(OptionKeys.COOKIES, "flavor=oatmeal")
                    .putDict(OptionKeys.HEADERS, Map.of("X-Thing", "42"))
                    .build();
            Map<String, List<String>> h = headersSeen(f, session, 0);
            assertEquals(List.of("SyncGatewaySession=s3ss10n; flavor=oatmeal"), h.get("cookie"));
            assertEquals(List.of("42"), h.get("x-thing"));

            OptionsDict named = OptionsDict.builder()
                    .putDict(OptionKeys.AUTH, Map.of(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_SESSION,
                            OptionKeys.AUTH_TOKEN, "abc", "cookieName", "MySession"))
                    .build();
            assertEquals(List.of("MySession=abc"), headersSeen(f, named, 1).get("cookie"));

            OptionsDict oidc = OptionsDict.builder()
                    .putDict(OptionKeys.AUTH, Map.of(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_OPENID_CONNECT,
                            OptionKeys.AUTH_TOKEN, "eyJ.token"))
                    .build();
            assertEquals(List.of("Bearer eyJ.token"), headersSeen(f, oidc, 2).get("authorization"));
        }
    }

    @Test
    void connectsFromTheGivenNetworkInterfaceOrFailsForAnUnknownOne() throws Exception {
        try (Fixture f = new Fixture(true, null)) {
            Fixture.Client c = f.connect(OptionsDict.builder().put(OptionKeys.NETWORK_INTERFACE, "127.0.0.1").build());
            assertTrue(c.recorder().awaitOpened(WAIT), c.recorder()::toString);
            assertEquals(InetAddress.getByName("127.0.0.1"),
                    f.acceptor.awaitAccepted(0, WAIT).request().remote().getAddress());
            c.socket().close();

            Fixture.Client bad = f.connect(OptionsDict.builder().put(OptionKeys.NETWORK_INTERFACE, "no-such-if0")
                    .build());
            assertTrue(bad.recorder().awaitClosed(WAIT));
            assertEquals(ErrorCodes.Network.UNKNOWN_INTERFACE, bad.recorder().closeError().code());
            assertEquals(ErrorDomain.NETWORK, bad.recorder().closeError().domain());
            assertClean(bad.recorder());
        }
    }

    @Test
    void anUnofferedSubprotocolIsRefusedWith400() throws Exception {
        try (Fixture f = new Fixture(true, null)) {
            Fixture.Client c = f.connect(
                    OptionsDict.builder().put(OptionKeys.WS_PROTOCOLS, "BLIP_3+CBMobile_2").build());
            assertTrue(c.recorder().awaitClosed(WAIT));
            assertWebSocketError(c.recorder(), 400);
            assertClean(c.recorder());
            assertEquals(List.of(), f.acceptor.accepted());
        }
    }

    @Test
    void aWrongPathOrUnknownDatabaseGets404() throws Exception {
        try (Fixture f = new Fixture(true, null)) {
            for (String path : List.of("/db", "/db/_changes", "/nope/_blipsync", "/", "/a/b/_blipsync")) {
                Fixture.Client c = f.connect(f.uri(path), OptionsDict.EMPTY);
                assertTrue(c.recorder().awaitClosed(WAIT));
                assertWebSocketError(c.recorder(), 404);
                assertEquals(404, ((Event.HttpResponse) c.recorder().events().get(0)).status());
                assertClean(c.recorder());
            }
            assertEquals(List.of(), f.acceptor.accepted());
        }
    }

    @Test
    void nothingListeningMeansConnectionRefusedExactlyOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RecordingDelegate r = open(URI.create("ws://127.0.0.1:" + port + "/db/_blipsync"));
        assertTrue(r.awaitClosed(WAIT));
        C4Exception error = r.closeError();
        assertNotNull(error);
        assertEquals(ErrorDomain.NETWORK, error.domain());
        assertEquals(ErrorCodes.Network.CONNECTION_REFUSED, error.code(), error::toString);
        Thread.sleep(100);
        assertEquals(List.of(new Event.Closed(error)), r.events());
        assertClean(r);
    }

    @Test
    void anUnknownHostIsANetworkError() throws Exception {
        RecordingDelegate r = open(URI.create("ws://no-such-host.invalid/db/_blipsync"));
        assertTrue(r.awaitClosed(WAIT));
        C4Exception error = r.closeError();
        assertNotNull(error);
        assertEquals(ErrorDomain.NETWORK, error.domain(), error::toString);
        assertClean(r);
    }

    @Test
    void closeDuringTheHandshakeDeliversClosedOnce() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            C4Socket socket = new WebSocketClientFactory()
                    .create(URI.create("ws://127.0.0.1:" + mute.getLocalPort() + "/db/_blipsync"), OptionsDict.EMPTY);
            RecordingDelegate r = new RecordingDelegate();
            socket.open(r);
            try (Socket accepted = mute.accept()) {
                socket.close();
                assertTrue(r.awaitClosed(WAIT));
                assertWebSocketError(r, ErrorCodes.WebSocket.CLOSE_ABNORMAL);
                socket.close();
                socket.requestClose(1000, "");
                Thread.sleep(100);
                assertClean(r);
                accepted.setSoTimeout((int) WAIT.toMillis());
                byte[] buf = new byte[4096];
                while (accepted.getInputStream().read(buf) >= 0) {
                    // the upgrade request, then EOF: the client hung up
                }
            }
        }
    }

    @Test
    void requestCloseBeforeOpenEndsWithTheRequestedCode() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            C4Socket socket = new WebSocketClientFactory()
                    .create(URI.create("ws://127.0.0.1:" + mute.getLocalPort() + "/db/_blipsync"), OptionsDict.EMPTY);
            RecordingDelegate r = new RecordingDelegate();
            socket.open(r);
            try (Socket ignored = mute.accept()) {
                socket.requestClose(1000, "never mind");
                assertTrue(r.awaitClosed(WAIT));
                assertEquals(List.of(new Event.Closed(null)), r.events());
            }
        }
    }

    @Test
    void rejectsUnusableUrlsAndOptions() {
        WebSocketClientFactory factory = new WebSocketClientFactory();
        C4Exception scheme = assertThrows(C4Exception.class,
                () -> factory.create(URI.create("http://host/db/_blipsync"), OptionsDict.EMPTY));
        assertEquals(ErrorCodes.Network.INVALID_URL, scheme.code());
        C4Exception noHost = assertThrows(C4Exception.class,
                () -> factory.create(URI.create("ws:///db/_blipsync"), OptionsDict.EMPTY));
        assertEquals(ErrorCodes.Network.INVALID_URL, noHost.code());
        C4Exception badAuth = assertThrows(C4Exception.class, () -> factory.create(URI.create("ws://h/db"),
                OptionsDict.builder().putDict(OptionKeys.AUTH, Map.of(OptionKeys.AUTH_TYPE, "Kerberos")).build()));
        assertEquals(ErrorDomain.LITECORE, badAuth.domain());
        C4Socket socket = factory.create(URI.create("ws://h/db"), OptionsDict.EMPTY);
        socket.open(new RecordingDelegate());
        assertThrows(IllegalStateException.class, () -> socket.open(new RecordingDelegate()));
        socket.close();
    }

    private static RecordingDelegate open(URI uri) {
        C4Socket socket = new WebSocketClientFactory().create(uri, OptionsDict.EMPTY);
        RecordingDelegate r = RecordingDelegate.autoReleasing(socket);
        socket.open(r);
        return r;
    }

    private static Map<String, List<String>> headersSeen(Fixture f, OptionsDict options, int index)
            throws InterruptedException {
        Fixture.Client c = f.connect(options);
        assertTrue(c.recorder().awaitOpened(WAIT), c.recorder()::toString);
        Map<String, List<String>> headers = caseInsensitive(f.acceptor.awaitAccepted(index, WAIT).request().headers());
        c.socket().close();
        return headers;
    }

    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(headers);
        return map;
    }

    private static OptionsDict basic(String user, String password, boolean challenge) {
        return OptionsDict.builder().putDict(OptionKeys.AUTH, Map.of(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_BASIC,
                OptionKeys.AUTH_USERNAME, user, OptionKeys.AUTH_PASSWORD, password,
                OptionKeys.AUTH_CHALLENGE, challenge)).build();
    }
}
