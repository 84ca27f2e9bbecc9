package org.c4j.ws.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

import org.c4j.socket.C4Exception;
import org.c4j.ws.WsExecutors;
import org.c4j.ws.internal.client.ProxySpec;
import org.c4j.ws.internal.listen.FrameUnmasker;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.HandshakeImpl1Client;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection over a blocking TCP {@link Socket}: the one owner of this transport's socket I/O, done
 * only on its two threads, whose loops are in {@link WsReader} and {@link WsWriter}. Java-WebSocket's
 * {@link WebSocketImpl} does the protocol (upgrade validation, framing, masking, ping/pong, close handshake); its
 * callbacks are {@link EngineEvents}, which does no I/O.
 * <ul>
 *   <li>the <b>reader</b> ({@link WsReader}, on {@link WsExecutors#io()}) connects (client), reads the peer's HTTP
 *       head, asks the {@link ConnectionListener} whether to go on (a listener's refusal is written by the reader
 *       itself), hands everything read to the engine, and then feeds it socket reads — pausing while the
 *       {@link ReceiveWindow} is full (receive flow control);</li>
 *   <li>the <b>writer</b> ({@link WsWriter}, started once needed: a client's before its request, a listener's once
 *       the upgrade is accepted, so a handshaking listener connection costs one thread) writes the engine's
 *       outgoing buffers to the socket and reports each completely written data frame's payload size with
 *       {@link ConnectionListener#onWritten}. That is "completed write": the bytes are in the kernel's send
 *       buffer, as with LiteCore's own socket.</li>
 * </ul>
 * Closing: once our echo of the peer's close frame, a listener's own close frame, or a listener's rejection
 * response is flushed, the writer shuts down output (FIN) and the reader waits for the peer to end the connection,
 * at most {@link Tuning#CLOSE_TIMEOUT}. A client that starts the close handshake sends no FIN: as RFC 6455 §7.1.1
 * asks, it leaves ending the TCP connection to the server, which does so after its close frame (the engine does
 * not decode frames once closing, so the server's end of stream is what completes the close). An early FIN
 * makes servers that see the end of the stream on another thread than the one decoding (Java-WebSocket's)
 * report an abnormal close (1006). {@link ConnectionListener#onClosed} is called exactly once, whatever ends the
 * connection.
 *
 * <p>Limits ({@link ConnectionLimits}): a total deadline from {@link #start} to the peer's complete HTTP head (slow
 * senders are dropped), a cap on the bytes queued for the socket (a peer that does not read is dropped, 1008), a
 * longest blocked write ({@link WriteWatch}), the heartbeat; a listener closes with 1002 on an unmasked client
 * frame. Each hit ends only this connection, with a log line.
 *
 * <p>We drive the engine ourselves instead of using Java-WebSocket's {@code WebSocketClient}/{@code
 * WebSocketServer} because the server's selector loop can lose a write wake-up (its {@code doWrite} resets the
 * interest set after another thread queued data, issue #145) and can neither pause reading one connection nor
 * answer an upgrade with a status other than 101, 404 or 500; blocking sockets give both roles the same,
 * simple loops.
 *
 * <p><b>Threading:</b> public methods are thread-safe and never block on the network; see
 * {@link ConnectionListener} for the threads events arrive on. Buffers passed to {@link #send} belong to the
 * connection from then on; received message buffers belong to the listener.
 */
public final class WsConnection {
    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);

    /** Where the connection is in its life. */
    enum State {
        /** Client: resolving and connecting the TCP socket. */
        CONNECTING,
        /** HTTP upgrade heads being exchanged. */
        HANDSHAKING,
        /** WebSocket open: data flows both ways. */
        OPEN,
        /**
         * A close frame or rejection is queued; output shuts after it (unless a client sent the first close frame),
         * then we wait for the peer's EOF.
         */
        CLOSING,
        /** Gone; {@link ConnectionListener#onClosed} has been called. */
        CLOSED;

        /**
         * Legal moves go forward: CONNECTING → HANDSHAKING → OPEN → CLOSING, a server's HANDSHAKING → CLOSING (a
         * rejection), and any state but CLOSED → CLOSED. A client closes only once open: the engine refusing the
         * server's 101 is ended by the reader at once.
         */
        boolean canMoveTo(State next, boolean client) {
            return switch (next) {
                case HANDSHAKING -> this == CONNECTING;
                case OPEN -> this == HANDSHAKING;
                case CLOSING -> this == OPEN || (this == HANDSHAKING && !client);
                case CLOSED -> this != CLOSED;
                case CONNECTING -> false;
            };
        }

        /**
         * A move the connection has already gone past (a race with its end or the engine's close), or a client's
         * CLOSING before it is open: not made, and not an error.
         */
        boolean isOvertaken(State next, boolean client) {
            return compareTo(next) >= 0 || (client && next == CLOSING);
        }
    }

    final boolean client;
    /** The TCP socket: closed to end the connection (which also ends a TLS handshake in progress). */
    final Socket socket;
    /** Nothing for ws, TLS for wss: run by the reader before the HTTP upgrade. */
    final SocketLayer layer;
    /** What HTTP and WebSocket go over: {@link #socket}, or the TLS socket layered on it (set by the reader). */
    volatile Socket io;
    final WebSocketImpl engine;
    final FrameLedger ledger;
    final ReceiveWindow window = new ReceiveWindow(Tuning.RECEIVE_WINDOW);
    final Heartbeat heartbeat;
    final WriteWatch writeWatch;
    private final ConnectionLimits limits;
    /** Server only: unmasks client frames for the engine and finds unmasked ones (RFC 6455 §5.1). */
    final FrameUnmasker unmasker;
    /** Released when the connection ends: a reader waiting out a delay wakes. */
    final CountDownLatch ended = new CountDownLatch(1);
    final WsExecutors executors;
    final ConnectionListener listener;
    /** Client only: where to connect and what to send. */
    final String host;
    final int port;
    final String networkInterface;
    final HandshakeImpl1Client request;
    /** Client only: the proxy to tunnel through, or null (set before {@link #start}). */
    volatile ProxySpec proxy;
    // Guarded by this.
    private State state;
    private ScheduledFuture<?> closeTimer;
    private ScheduledFuture<?> upgradeTimer;
    private boolean writerStarted;
    /** Server: the request was refused; the answer is being held back, written or drained. */
    private boolean refusing;
    /** The peer sent the first close frame (we only echo it). */
    private boolean closedByPeer;

    private WsConnection(boolean client, Socket socket, SocketLayer layer, List<String> protocols,
                         ConnectionLimits limits, WsExecutors executors, ConnectionListener listener, String host,
                         int port, String networkInterface, HandshakeImpl1Client request) {
        this.client = client;
        this.socket = socket;
        this.layer = layer;
        this.io = socket;
        this.ledger = new FrameLedger();
        LedgerDraft draft = LedgerDraft.of(protocols, ledger);
        EngineEvents events = new EngineEvents(this);
        this.engine = client ? new WebSocketImpl(events, draft) : new WebSocketImpl(events, List.of(draft));
        this.executors = executors;
        this.listener = listener;
        this.limits = limits;
        this.unmasker = client ? null : new FrameUnmasker();
        this.heartbeat = new Heartbeat(executors.timers(), limits.heartbeat(), this::sendPing,
                () -> fail(CloseMapping.timeout("waiting for a pong")), window::isFull);
        this.writeWatch = new WriteWatch(executors.timers(), limits.writeTimeout(), () -> {
            LOG.info("dropping the WebSocket connection with {}: it took no bytes for {}", remoteAddress(),
                    limits.writeTimeout());
            fail(CloseMapping.timeout("writing: the peer stopped reading"));
        });
        this.host = host;
        this.port = port;
        this.networkInterface = networkInterface;
        this.request = request;
        this.state = client ? State.CONNECTING : State.HANDSHAKING;
    }

    /**
     * A client connection to {@code host:port} sending the upgrade request {@code target} (path and query)
     * with {@code headers}, offering {@code protocols}; optionally bound to {@code networkInterface}; over
     * {@code layer} ({@link SocketLayer#PLAIN} or TLS).
     */
    public static WsConnection client(String host, int port, String target, Map<String, String> headers,
                                      String networkInterface, List<String> protocols, Duration heartbeat,
                                      SocketLayer layer, WsExecutors executors, ConnectionListener listener) {
        HandshakeImpl1Client rq = new HandshakeImpl1Client();
        rq.setResourceDescriptor(target);
        int defaultPort = layer == SocketLayer.PLAIN ? WsWire.DEFAULT_WS_PORT : WsWire.DEFAULT_WSS_PORT;
        rq.put(WsWire.HOST, port == defaultPort ? host : host + ":" + port);
        headers.forEach(rq::put);
        ConnectionLimits limits = new ConnectionLimits(Tuning.HANDSHAKE_TIMEOUT, Tuning.MAX_SEND_QUEUE, heartbeat,
                Tuning.WRITE_TIMEOUT);
        return new WsConnection(true, new Socket(), layer, protocols, limits, executors, listener, host, port,
                networkInterface, rq);
    }

    /** Client only, before {@link #start}: connect through {@code p} (null: directly). Returns this. */
    public WsConnection throughProxy(ProxySpec p) {
        this.proxy = p;
        return this;
    }

    /**
     * A listener-side connection on the accepted {@code socket}, over {@code layer}, within {@code limits}; it
     * accepts only {@link WsWire#SUBPROTOCOL}.
     */
    public static WsConnection server(Socket socket, SocketLayer layer, ConnectionLimits limits,
                                      WsExecutors executors, ConnectionListener listener) {
        return new WsConnection(false, socket, layer, List.of(WsWire.SUBPROTOCOL), limits, executors, listener,
                null, 0, null, null);
    }

    /**
     * Starts connecting (client) or reading the request (server), and the deadline for the peer's complete HTTP
     * head. Call once. If this throws (no thread to run on), the connection has ended and reported it.
     */
    public void start() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            upgradeTimer = executors.timers().schedule(this::upgradeTimedOut, limits.upgradeDeadline().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        try {
            executors.io().execute(new WsReader(this));
        } catch (RuntimeException | Error e) {
            fail(CloseMapping.unexpected(e));
            throw e;
        }
    }

    /**
     * Queues one binary message; dropped unless the WebSocket is open. Ownership of {@code message} passes.
     *
     * <p>The frame is made with the engine's draft and queued on the engine's out-queue, as
     * {@code WebSocketImpl.send} does, but not through it: Java-WebSocket 1.5.7's {@code WebSocketImpl.write} builds a
     * String of every frame of up to 1,000 bytes for a trace log line even when tracing is off (9% of the CPU of a
     * replication of 1 KiB documents, BENCHMARKS.md). A message is one frame, so it is queued in one piece.
     */
    public void send(ByteBuffer message) {
        if (sendQueueFull()) {
            return;
        }
        if (!engine.isOpen()) {
            LOG.debug("dropping a {}-byte message written while not open", message.remaining());
            return;
        }
        Draft draft = engine.getDraft();
        for (Framedata frame : draft.createFrames(message, client)) {
            engine.outQueue.add(draft.createBinaryFrame(frame));
        }
    }

    /** Wire bytes queued by {@link #send} (and control frames) that the writer has not yet written to the socket. */
    public long unsentBytes() {
        return ledger.unsentBytes();
    }

    /** The engine finished with {@code bytes} received bytes (receive flow control). */
    public void acknowledge(long bytes) {
        window.released(bytes);
    }

    /**
     * Starts the close handshake with {@code code}; before the WebSocket is open the connection is dropped
     * instead and reports {@link CloseMapping#closedBeforeOpen}.
     */
    public void close(int code, String reason) {
        State s;
        boolean refused;
        synchronized (this) {
            s = state;
            refused = refusing;
        }
        if (s == State.OPEN) {
            engine.close(code, WsWire.fitCloseReason(reason));
        } else if (s == State.CONNECTING || s == State.HANDSHAKING || (s == State.CLOSING && refused)) {
            fail(CloseMapping.closedBeforeOpen(code, reason));
        }
    }

    /** Drops the connection now, without a close handshake. */
    public void abort() {
        fail(CloseMapping.localAbort());
    }

    /** The peer's address, or null before the socket is connected. */
    /** True once the connection runs over TLS (the reader layered it on the TCP socket before reading the head). */
    public boolean isTls() {
        return io instanceof SSLSocket;
    }

    /** The peer's verified certificate chain (a TLS client that presented one), else empty. */
    public List<X509Certificate> peerCertificates() {
        if (!(io instanceof SSLSocket ssl)) {
            return List.of();
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : ssl.getSession().getPeerCertificates()) {
                out.add((X509Certificate) c);
            }
            return List.copyOf(out);
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /** Starts the writer thread once (client: before its request; server: once open, to send the 101 on). */
    void startWriter() {
        synchronized (this) {
            if (writerStarted || state == State.CLOSED) {
                return;
            }
            writerStarted = true;
        }
        executors.io().execute(new WsWriter(this));
    }

    // ---- state ----

    synchronized State state() {
        return state;
    }

    /**
     * The one place states change ({@link State#canMoveTo}); CLOSED is entered only by {@link #terminate}. Returns
     * false (and changes nothing) for a move the connection has {@linkplain State#isOvertaken gone past}, e.g.
     * when it already ended; so a client still HANDSHAKING after decoding the server's head was not opened by the
     * engine. Any other move (one that skips a state) is a bug.
     *
     * @throws IllegalStateException "WsConnection: bad transition A -> B"
     */
    synchronized boolean moveTo(State next) {
        if (state.canMoveTo(next, client)) {
            state = next;
            return true;
        }
        if (state.isOvertaken(next, client)) {
            return false;
        }
        throw new IllegalStateException("WsConnection: bad transition " + state + " -> " + next);
    }

    /** The engine starts its close handshake; {@code remote}: the peer sent the first close frame. */
    synchronized void closingStarted(boolean remote) {
        closedByPeer |= remote;
    }

    /** Lets the writer re-check whether it may shut output now. */
    void wakeWriter() {
        engine.outQueue.add(WsWriter.WAKE);
    }

    /** Closing, and it is our turn to end the stream: not a client waiting for the answer to its close frame. */
    synchronized boolean mayShutdownOutput() {
        return state == State.CLOSING && (!client || closedByPeer);
    }

    synchronized void armCloseTimer() {
        if (closeTimer == null && state != State.CLOSED) {
            closeTimer = executors.timers().schedule(
                    () -> fail(CloseMapping.timeout("waiting for the peer to finish closing")),
                    Tuning.CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Ends the connection with {@code error} and brings the engine to its closed state too. */
    void fail(C4Exception error) {
        if (terminate(error) && !engine.isClosed()) {
            engine.closeConnection(CloseFrame.ABNORMAL_CLOSE, error == null ? "" : error.getMessage(), false);
        }
    }

    /** The single exit: first call wins; releases everything and tells the listener. */
    boolean terminate(C4Exception error) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return false;
            }
            moveTo(State.CLOSED);
            if (closeTimer != null) {
                closeTimer.cancel(false);
            }
            if (upgradeTimer != null) {
                upgradeTimer.cancel(false);
            }
        }
        ended.countDown();
        heartbeat.stop();
        writeWatch.stop();
        window.close();
        engine.outQueue.add(WsWriter.STOP);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing socket: {}", e.toString());
        }
        listener.onClosed(error);
        return true;
    }

    /** The peer's HTTP head is complete: its deadline no longer applies. */
    synchronized void cancelUpgradeTimer() {
        if (upgradeTimer != null) {
            upgradeTimer.cancel(false);
        }
    }

    /** A listener refuses the request: from now on {@link #close} drops the connection at once. */
    synchronized void markRefusing() {
        refusing = true;
    }

    /** The upgrade deadline passed before the peer's HTTP head was complete. */
    private void upgradeTimedOut() {
        if (state() == State.CLOSED) {
            return;
        }
        LOG.info("dropping the connection with {}: no complete HTTP upgrade head within {}", remoteAddress(),
                limits.upgradeDeadline());
        fail(CloseMapping.timeout("waiting for the HTTP upgrade head"));
    }

    /**
     * True (after dropping the connection) if the bytes queued for the socket exceed the limit: the peer is not
     * reading what we send, so nothing more is queued for it.
     */
    boolean sendQueueFull() {
        long queued = ledger.queuedBytes();
        if (queued <= limits.maxSendQueue()) {
            return false;
        }
        if (state() != State.CLOSED) {
            LOG.info("dropping the WebSocket connection with {}: {} bytes queued for it, over the limit of {}",
                    remoteAddress(), queued, limits.maxSendQueue());
            executors.timers().execute(() -> fail(CloseMapping.sendQueueFull()));
        }
        return true;
    }

    private void sendPing() {
        try {
            engine.sendPing();
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("no ping: connection no longer open");
        }
    }
}
