package org.c4j.ws.internal;

import java.net.Socket;
import java.nio.ByteBuffer;
import org.c4j.socket.C4Exception;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.SocketAcceptor;
import org.c4j.ws.WsExecutors;
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
    private final SocketAcceptor acceptor;
    private final WsExecutors executors;
    private final Registry registry;
    private final WsConnection connection;
    /** Written by the reader before the engine opens; read after. */
    private volatile HttpHead.Request request;
    private volatile UpgradePolicy.Accept accepted;
    private volatile IncomingSocket socket;

    public ListenerConnection(Socket socket, UpgradePolicy policy, SocketAcceptor acceptor, WsExecutors executors,
                              Registry registry) {
        this.policy = policy;
        this.acceptor = acceptor;
        this.executors = executors;
        this.registry = registry;
        this.connection = WsConnection.server(socket, Tuning.DEFAULT_HEARTBEAT, executors, this);
    }

    /** Starts reading the upgrade request. */
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
            return stop(Rejection.of(WsWire.HTTP_BAD_REQUEST, e.getMessage()));
        }
        // TLS facts (flag, client chain) are not known on this plain-socket transport yet
        UpgradePolicy.Decision decision = policy.decide(rq, connection.remoteAddress(), false, java.util.List.of());
        if (decision instanceof UpgradePolicy.Reject reject) {
            LOG.debug("refused upgrade of {} with {}", rq.path(), reject.rejection().status());
            return stop(reject.rejection());
        }
        request = rq;
        accepted = (UpgradePolicy.Accept) decision;
        return null;
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
        } catch (RuntimeException e) {
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
