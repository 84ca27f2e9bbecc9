package org.c4j.ws.internal.listen;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.c4j.socket.C4Exception;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.PlainHttpHandler;
import org.c4j.socket.SocketAcceptor;
import org.c4j.ws.WsExecutors;
import org.c4j.ws.internal.CloseMapping;
import org.c4j.ws.internal.ConnectionLimits;
import org.c4j.ws.internal.ConnectionListener;
import org.c4j.ws.internal.SocketLayer;
import org.c4j.ws.internal.WsConnection;
import org.c4j.ws.internal.WsWire;
import org.c4j.ws.internal.http.HttpFormatException;
import org.c4j.ws.internal.http.HttpHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection accepted by a listener: decides on its upgrade request with the {@link UpgradePolicy}
 * (refusals are answered and closed without the acceptor ever hearing of them), and once the WebSocket is open
 * hands an {@link IncomingSocket} to the {@link SocketAcceptor} and forwards the connection's events to it.
 * Thread-safe.
 */
public final class ListenerConnection implements ConnectionListener {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerConnection.class);

    /** Told when a connection is upgraded and when it ends (exactly once each at most). */
    public interface Registry {
        void upgraded(ListenerConnection connection);

        void ended(ListenerConnection connection, boolean wasUpgraded);
    }

    private final UpgradePolicy policy;
    private final AuthThrottle throttle;
    private final SocketAcceptor acceptor;
    private final WsExecutors executors;
    private final Registry registry;
    private final WsConnection connection;
    /** The peer's address as accepted (counted against the per-address cap). */
    private final InetAddress remote;
    /** Written by the reader before the engine opens; read after. */
    private volatile HttpHead.Request request;
    private volatile UpgradePolicy.Accept accepted;
    private volatile IncomingSocket socket;

    /**
     * @param throttle delays answers to failed authentications per remote address
     * @param limits   the connection's upgrade deadline, send-queue cap, heartbeat and write timeout
     * @param layer    {@link SocketLayer#PLAIN} or the listener's TLS layer
     */
    public ListenerConnection(Socket socket, SocketLayer layer, UpgradePolicy policy, AuthThrottle throttle,
                              ConnectionLimits limits, SocketAcceptor acceptor, WsExecutors executors,
                              Registry registry) {
        this.policy = policy;
        this.throttle = throttle;
        this.acceptor = acceptor;
        this.executors = executors;
        this.registry = registry;
        this.remote = socket.getInetAddress();
        this.connection = WsConnection.server(socket, layer, limits, executors, this);
    }

    /** The peer's address as accepted. */
    public InetAddress remote() {
        return remote;
    }

    /**
     * Starts reading the upgrade request. If that throws (e.g. no thread could be started), the connection
     * has already ended and told the registry.
     */
    public void start() {
        connection.start();
    }

    /** Closes an open WebSocket with {@code code}; drops a connection still handshaking. */
    public void close(int code, String reason) {
        connection.close(code, reason);
    }

    /** Drops the connection now. */
    public void abort() {
        connection.abort();
    }

    @Override
    public ConnectionListener.Stop onHead(byte[] head, int length) {
        HttpHead.Request rq;
        try {
            rq = HttpHead.parseRequest(head, length);
        } catch (HttpFormatException e) {
            return refuse(Rejection.of(e.status(), e.getMessage()));
        }
        String malformed = RequestSyntax.problem(rq);
        if (malformed != null) {
            return refuse(Rejection.of(WsWire.HTTP_BAD_REQUEST, malformed));
        }
        PlainHttpHandler handler = policy.plainHandlerFor(rq);
        if (handler != null) {
            InetAddress client = remoteInetAddress();
            return PlainHttp.stop(rq, handler, connection.remoteAddress(), connection.isTls(),
                    () -> policy.decide(rq), (status, body) -> {
                boolean credentials = presentsCredentials(rq) || body.length > 0;
                if (status == WsWire.HTTP_UNAUTHORIZED && credentials) {
                    Duration delay = throttle.failed(client);
                    LOG.info("failed login from {}; answering 401 in {} ms", client, delay.toMillis());
                    return delay;
                }
                if (status / 100 == 2 && credentials) {
                    throttle.succeeded(client);
                }
                return Duration.ZERO;
            });
        }
        UpgradePolicy.Decision decision = policy.decide(rq, connection.remoteAddress(), connection.isTls(),
                connection.peerCertificates());
        InetAddress from = remoteInetAddress();
        if (decision instanceof UpgradePolicy.Reject reject) {
            Rejection r = reject.rejection();
            Duration delay = Duration.ZERO;
            if (r.status() == WsWire.HTTP_UNAUTHORIZED && presentsCredentials(rq)) {
                delay = throttle.failed(from);
                LOG.info("failed authentication from {}; answering 401 in {} ms", from, delay.toMillis());
            } else {
                LOG.debug("refused upgrade of {} with {}", rq.path(), r.status());
            }
            return new ConnectionListener.Stop(r.toBytes(), CloseMapping.httpStatus(r.status(), r.message()), delay);
        }
        if (presentsCredentials(rq)) {
            throttle.succeeded(from);
        }
        request = rq;
        accepted = (UpgradePolicy.Accept) decision;
        return null;
    }

    /** True if the request carries credentials of any kind (an absent one only gets the 401 challenge). */
    private static boolean presentsCredentials(HttpHead.Request rq) {
        return rq.header(WsWire.AUTHORIZATION) != null
                || UpgradePolicy.sessionCookie(rq.headers().get(WsWire.COOKIE)) != null;
    }

    private InetAddress remoteInetAddress() {
        InetSocketAddress a = connection.remoteAddress();
        return a == null ? null : a.getAddress();
    }

    private ConnectionListener.Stop refuse(Rejection rejection) {
        LOG.info("refusing the upgrade request from {} with {}: {}", connection.remoteAddress(), rejection.status(),
                rejection.message());
        return stop(rejection);
    }

    @Override
    public void onOpen() {
        IncomingSocket s = new IncomingSocket(connection, executors);
        socket = s;
        registry.upgraded(this);
        UpgradePolicy.Accept a = accepted;
        IncomingRequest incoming = new IncomingRequest(a.path(), a.database(), a.subprotocol(), request.headers(),
                connection.remoteAddress(), a.principal());
        try {
            acceptor.accept(s, incoming);
        } catch (RuntimeException | Error e) {
            LOG.warn("socket acceptor threw; dropping the connection", e);
            s.close();
        }
    }

    @Override
    public void onMessage(ByteBuffer message) {
        socket.received(message);
    }

    @Override
    public void onCloseRequested(int code, String reason) {
        IncomingSocket s = socket;
        if (s != null) {
            s.closeRequested(code, reason);
        }
    }

    @Override
    public void onWritten(long payloadBytes) {
        socket.written(payloadBytes);
    }

    @Override
    public void onClosed(C4Exception error) {
        IncomingSocket s = socket;
        if (s != null) {
            s.ended(error);
        }
        registry.ended(this, s != null);
    }

    private static ConnectionListener.Stop stop(Rejection rejection) {
        return new ConnectionListener.Stop(rejection.toBytes(),
                CloseMapping.httpStatus(rejection.status(), rejection.message()));
    }
}
