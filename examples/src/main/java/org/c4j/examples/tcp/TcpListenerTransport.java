package org.c4j.examples.tcp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.c4j.socket.AuthDecision;
import org.c4j.socket.AuthRequest;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.Principal;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.TransportErrors;
import org.c4j.socket.UpgradeAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener half of the example TCP transport: accepts TCP connections on one address, answers the WebSocket
 * upgrade itself ({@code GET /<db>/_blipsync}: 404 for other paths and for databases the acceptor does not
 * serve, 400 for a request that is not a WebSocket upgrade) and hands each upgraded connection to the acceptor as
 * a {@link org.c4j.socket.Framing#BYTE_STREAM_SERVER} socket, with the request's headers and the principal its
 * {@link UpgradeAuthenticator} decided on (asked once per upgrade, after the method check and before the database
 * check; a refusal is sent as the response with its status and headers, e.g. 401 with {@code WWW-Authenticate}).
 *
 * <p>Life: {@link #start} binds and accepts; {@link #stop} stops accepting, ends every connection's stream and
 * waits for them (resetting the stragglers after {@link TcpTuning#STOP_TIMEOUT}). Not restartable.
 *
 * <p><b>Threading:</b> thread-safe; the accept loop and each handshake run on daemon threads, the acceptor is
 * called on a handshake thread.
 */
public final class TcpListenerTransport implements ListenerTransport {
    private static final Logger LOG = LoggerFactory.getLogger(TcpListenerTransport.class);
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "c4j-tcp-listener");
        t.setDaemon(true);
        return t;
    });

    private final InetAddress bindAddress;
    private final int requestedPort;
    private final UpgradeAuthenticator authenticator;
    private final Object lock = new Object();
    // Guarded by lock.
    private ServerSocket server;
    private SocketAcceptor acceptor;
    private boolean stopped;
    private final Set<TcpStream> streams = new HashSet<>();

    /** An open listener (everyone is {@link Principal#ANONYMOUS}) on {@code bindAddress} and {@code port} (0: any). */
    public TcpListenerTransport(InetAddress bindAddress, int port) {
        this(bindAddress, port, UpgradeAuthenticator.OPEN);
    }

    /** A listener on {@code bindAddress} and {@code port} (0: any) that lets in whom {@code authenticator} accepts. */
    public TcpListenerTransport(InetAddress bindAddress, int port, UpgradeAuthenticator authenticator) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.requestedPort = port;
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    @Override
    public void start(SocketAcceptor a) {
        Objects.requireNonNull(a, "acceptor");
        synchronized (lock) {
            if (server != null || stopped) {
                throw new IllegalStateException("listener already started");
            }
            try {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(bindAddress, requestedPort));
                server = s;
            } catch (IOException e) {
                throw TransportErrors.fromJavaIo(e);
            }
            acceptor = a;
        }
        THREADS.execute(this::acceptLoop);
    }

    @Override
    public int port() {
        synchronized (lock) {
            return server == null ? -1 : server.getLocalPort();
        }
    }

    @Override
    public List<URI> urls() {
        int port = port();
        return port < 0 ? List.of() : List.of(URI.create("ws://" + bindAddress.getHostAddress() + ":" + port + "/"));
    }

    @Override
    public int connectionCount() {
        synchronized (lock) {
            return streams.size();
        }
    }

    @Override
    public void stop() {
        List<TcpStream> open;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            closeQuietly(server);
            open = new ArrayList<>(streams);
        }
        open.forEach(s -> s.requestClose(1001, "going away"));
        long deadline = System.nanoTime() + TcpTuning.STOP_TIMEOUT.toNanos();
        synchronized (lock) {
            while (!streams.isEmpty() && System.nanoTime() < deadline) {
                try {
                    lock.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            open = new ArrayList<>(streams);
        }
        open.forEach(TcpStream::close);
    }

    private void acceptLoop() {
        while (true) {
            ServerSocket s;
            synchronized (lock) {
                s = server;
            }
            try {
                Socket socket = s.accept();
                THREADS.execute(() -> handshake(socket));
            } catch (IOException e) {
                synchronized (lock) {
                    if (stopped) {
                        return;
                    }
                }
                LOG.warn("accept failed: {}", e.toString());
            }
        }
    }

    /** Reads the upgrade request, answers it, and hands an upgraded stream to the acceptor. */
    private void handshake(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) TcpTuning.HANDSHAKE_TIMEOUT.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream(), TcpTuning.READ_BUFFER);
            UpgradeHead.Head head = UpgradeHead.read(in, TcpTuning.MAX_HEAD);
            String[] path = head.second().split("/");
            String key = head.header("Sec-WebSocket-Key");
            SocketAcceptor a;
            synchronized (lock) {
                a = acceptor;
            }
            if (!head.first().equals("GET") || !UpgradeHead.hasToken(head.header("Upgrade"), "websocket")
                    || key == null) {
                refuse(socket, 400, "Bad Request", Map.of());
                return;
            }
            boolean blipPath = path.length == 3 && path[0].isEmpty() && path[2].equals("_blipsync");
            AuthDecision decision = authenticator.authenticate(new AuthRequest(head.first(), head.second(),
                    blipPath ? path[1] : null, head.headers(), (InetSocketAddress) socket.getRemoteSocketAddress(),
                    false, List.of()));
            if (decision instanceof AuthDecision.Refused r) {
                refuse(socket, r.status(), r.reason(), r.headers());
                return;
            }
            if (!blipPath || !a.servesDatabase(path[1])) {
                refuse(socket, 404, "Not Found", Map.of());
                return;
            }
            Principal principal = ((AuthDecision.Accepted) decision).principal();
            String protocol = head.header("Sec-WebSocket-Protocol");
            String chosen = protocol == null ? UpgradeHead.SUBPROTOCOL : protocol.split(",")[0].trim();
            Map<String, List<String>> reply = new LinkedHashMap<>();
            reply.put("Upgrade", List.of("websocket"));
            reply.put("Connection", List.of("Upgrade"));
            reply.put("Sec-WebSocket-Accept", List.of(UpgradeHead.acceptFor(key)));
            reply.put("Sec-WebSocket-Protocol", List.of(chosen));
            socket.getOutputStream().write(UpgradeHead.response(101, "Switching Protocols", reply));
            socket.setSoTimeout(0);
            TcpStream stream = TcpStream.accepted(socket, in, this::ended);
            synchronized (lock) {
                if (stopped) {
                    stream.close();
                    return;
                }
                streams.add(stream);
            }
            a.accept(stream, new IncomingRequest(head.second(), path[1], chosen, head.headers(),
                    (InetSocketAddress) socket.getRemoteSocketAddress(), principal));
        } catch (IOException | RuntimeException e) {
            LOG.debug("handshake failed: {}", e.toString());
            closeQuietly(socket);
        }
    }

    private void ended(TcpStream stream) {
        synchronized (lock) {
            streams.remove(stream);
            lock.notifyAll();
        }
    }

    private static void refuse(Socket socket, int status, String reason, Map<String, List<String>> extra)
            throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Length", List.of("0"));
        headers.put("Connection", List.of("close"));
        socket.getOutputStream().write(UpgradeHead.response(status, reason, headers));
        socket.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
