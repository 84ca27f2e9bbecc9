package org.c4j.interop;

import com.couchbase.lite.BaseDatabase;
import com.couchbase.lite.Database;
import com.couchbase.lite.internal.core.C4Database;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real LiteCore passive replication peer for tests: a WebSocket server on {@code 127.0.0.1} (ephemeral port) that
 * accepts {@code /<db>/_blipsync} with subprotocol {@code BLIP_3+CBMobile_3} and bridges each connection to
 * LiteCore's own passive replicator on a Couchbase Lite 3.0.0 {@link Database} (CE has no listener class; this
 * uses its internal {@code C4Database.createTargetReplicator} with a {@code NO_FRAMING} {@code C4Socket}).
 *
 * <p>Usage: {@code try (var peer = LiteCorePassivePeer.start(db, Config.DEFAULT)) { connect to peer.url() }}.
 * Close the peer before closing its database. Thread-safe; callbacks never block.
 */
public final class LiteCorePassivePeer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiteCorePassivePeer.class);

    /** How long {@link #close()} waits for the server thread and for sessions to wind down. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    /** Attachment marking a connection answered with 401: it is closed as soon as the library opens it. */
    private static final Object REJECTED = new Object();

    /**
     * What the peer allows. {@code allowPush}: clients may push to it; {@code allowPull}: clients may pull from it;
     * a non-null {@code user} makes it demand HTTP Basic credentials (401 challenge in {@code realm}); a non-null
     * {@code session} makes it accept the cookie {@code SyncGatewaySession=<session>} (what a Sync Gateway session
     * is to Couchbase Lite's {@code SessionAuthenticator}). With both set, either one lets a client in.
     */
    public record Config(boolean allowPush, boolean allowPull, String user, String password, String realm,
                         String session) {
        /** Push and pull allowed, no authentication. */
        public static final Config DEFAULT = new Config(true, true, null, null, null, null);

        public Config withBasicAuth(String user, String password) {
            return new Config(allowPush, allowPull, Objects.requireNonNull(user), Objects.requireNonNull(password),
                "c4j-test", session);
        }

        public Config withSession(String sessionId) {
            return new Config(allowPush, allowPull, user, password, realm == null ? "c4j-test" : realm,
                Objects.requireNonNull(sessionId));
        }

        public Config withAllowPush(boolean allow) {
            return new Config(allow, allowPull, user, password, realm, session);
        }

        public Config withAllowPull(boolean allow) {
            return new Config(allowPush, allow, user, password, realm, session);
        }

        boolean requiresAuth() {
            return user != null || session != null;
        }

        /** Never shows the password or the session. */
        @Override
        public String toString() {
            return "Config[allowPush=" + allowPush + ", allowPull=" + allowPull + ", user=" + user
                + ", session=" + (session != null) + "]";
        }
    }

    /**
     * How one passive session ended: its LiteCore replicator's final error ({@code 0, 0} when it stopped cleanly)
     * and the WebSocket close code the bridge saw.
     */
    public record SessionEnd(String path, int errorDomain, int errorCode, int closeCode) {
        public boolean clean() {
            return errorCode == 0;
        }
    }

    private final Server server;
    /** Null: plain ws. */
    private final javax.net.ssl.SSLContext tls;
    private final Database database;
    private final C4Database c4Database;
    private final Config config;
    private final List<PassiveConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final AtomicInteger rejectedHandshakes = new AtomicInteger();

    private LiteCorePassivePeer(Database database, Config config, javax.net.ssl.SSLContext tls) {
        this.database = database;
        this.c4Database = openC4Database(database);
        this.config = config;
        this.tls = tls;
        this.server = new Server();
        if (tls != null) {
            server.setWebSocketFactory(new org.java_websocket.server.DefaultSSLWebSocketServerFactory(tls));
        }
    }

    /** Starts a peer serving {@code database} (already open; must stay open until the peer is closed). */
    public static LiteCorePassivePeer start(Database database, Config config) throws InterruptedException {
        return start(database, config, null);
    }

    /**
     * Like {@link #start(Database, Config)}, over TLS (JSSE, through Java-WebSocket's SSL server factory) with
     * {@code tls}'s server identity when it is not null: the peer then serves {@code wss:}.
     */
    public static LiteCorePassivePeer start(Database database, Config config, javax.net.ssl.SSLContext tls)
            throws InterruptedException {
        RealCbl.init();
        LiteCorePassivePeer peer = new LiteCorePassivePeer(database, config, tls);
        peer.server.setReuseAddr(true);
        peer.server.setDaemon(true);
        peer.server.start();
        if (!peer.server.started.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("WebSocket server did not start");
        }
        return peer;
    }

    /** The bound TCP port. */
    public int port() {
        return server.getPort();
    }

    /** The replication URL for clients: {@code ws://127.0.0.1:<port>/<database name>} ({@code wss:} over TLS). */
    public URI url() {
        return URI.create((tls == null ? "ws" : "wss") + "://127.0.0.1:" + port() + "/" + database.getName());
    }

    /** How many upgrade requests were answered 401 so far (a client that retries after a 401 shows here). */
    public int rejectedHandshakes() {
        return rejectedHandshakes.get();
    }

    /**
     * Waits until every session accepted so far has ended (LiteCore told the socket closed and its replicator
     * stopped) and returns how each ended, in order of acceptance.
     */
    public List<SessionEnd> awaitSessionsEnded(Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SessionEnd> ends = new ArrayList<>();
        for (PassiveConnection connection : connections) {
            ends.add(connection.ended().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        }
        return ends;
    }

    /**
     * Closes open connections (1001 going away), waits for their sessions to end, then stops the server.
     * Sessions end before the server stops because stopping it cuts connections still closing (code 1006).
     */
    @Override
    public void close() throws InterruptedException {
        connections.forEach(PassiveConnection::close);
        try {
            awaitSessionsEnded(SHUTDOWN_WAIT);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("passive sessions did not all end in {}", SHUTDOWN_WAIT, e);
        }
        server.stop((int) SHUTDOWN_WAIT.toMillis());
    }

    /** CE exposes no public handle to LiteCore's database object; it is one package-private getter away. */
    static C4Database openC4Database(Database database) {
        try {
            Method getter = BaseDatabase.class.getDeclaredMethod("getOpenC4Database");
            getter.setAccessible(true);
            return (C4Database) getter.invoke(database);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot reach the C4Database of " + database.getName(), e);
        }
    }

    private String blipSyncPath() {
        return "/" + database.getName() + "/_blipsync";
    }

    private boolean authorized(ClientHandshake request) {
        if (!config.requiresAuth()) {
            return true;
        }
        if (config.session() != null && hasSessionCookie(request.getFieldValue("Cookie"), config.session())) {
            return true;
        }
        if (config.user() == null) {
            return false;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(
            (config.user() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        return expected.equals(request.getFieldValue("Authorization"));
    }

    private static boolean hasSessionCookie(String cookieHeader, String session) {
        for (String pair : cookieHeader.split(";")) {
            if (pair.trim().equals("SyncGatewaySession=" + session)) {
                return true;
            }
        }
        return false;
    }

    /** The Java-WebSocket server; its callbacks route to the connection attached to each WebSocket. */
    private final class Server extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);

        Server() {
            super(new InetSocketAddress("127.0.0.1", 0), List.<Draft>of(new BasicAuthDraft()));
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                ClientHandshake request) throws InvalidDataException {
            ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
            String path = request.getResourceDescriptor().replaceFirst("\\?.*", "");
            if (!path.equals(blipSyncPath())) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "no such endpoint: " + path);
            }
            if (!authorized(request)) {
                BasicAuthDraft.reject(response, config.realm());
                rejectedHandshakes.incrementAndGet();
                conn.setAttachment(REJECTED);
            }
            return response;
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            if (conn.getAttachment() == REJECTED) {
                ((WebSocketImpl) conn).flushAndClose(CloseFrame.POLICY_VALIDATION, "unauthorized", false);
                return;
            }
            PassiveConnection connection = new PassiveConnection(conn, blipSyncPath(), connectionIds.incrementAndGet());
            conn.setAttachment(connection);
            connections.add(connection);
            connection.start(c4Database, config.allowPush(), config.allowPull());
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            if (conn.getAttachment() instanceof PassiveConnection connection) {
                byte[] frame = new byte[message.remaining()];
                message.get(frame);
                connection.onFrame(frame);
            }
        }

        /** BLIP never uses text messages; one is a protocol violation. */
        @Override
        public void onMessage(WebSocket conn, String message) {
            conn.close(CloseFrame.REFUSE, "text messages are not BLIP");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            if (conn.getAttachment() instanceof PassiveConnection connection) {
                connection.onWebSocketClosed(code, reason);
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            LOG.debug("WebSocket error on {}", conn, ex);
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
