package org.c4j.socket.testkit.internal;

import org.c4j.socket.SerialExecutor;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.testkit.LoopbackConfig;
import org.c4j.socket.testkit.Side;
import org.c4j.socket.testkit.internal.Endpoint.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link org.c4j.socket.testkit.LoopbackPair}: two {@link Endpoint}s joined by two
 * {@link Link}s. The semantics are documented on {@code LoopbackPair}.
 *
 * <p><b>Threading:</b> every change happens under one lock. Delegate callbacks are never called under it: they
 * are queued, in event order, on each endpoint's {@link SerialExecutor} while the lock is held, so the order of
 * callbacks is the order of the state changes. Timers and latency run on the configured scheduler.
 */
public final class LoopbackConnection {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackConnection.class);
    private static final int HTTP_SWITCHING_PROTOCOLS = 101;

    private final Object lock = new Object();
    private final LoopbackConfig config;
    private final ScheduledExecutorService scheduler;
    private final Predicate<C4Socket> onConnect;
    private final Map<String, List<String>> responseHeaders;
    private final Endpoint client;
    private final Endpoint server;
    private final Link clientToServer;
    private final Link serverToClient;

    // Guarded by lock.
    private final Random jitter;
    private boolean ended;
    private Link.CloseFrame firstClose;
    private ScheduledFuture<?> openTimer;
    private ScheduledFuture<?> closeTimer;

    /**
     * @param onConnect the listener: called, not under the lock, with the server socket when the client's
     *                  connection attempt reaches it, before the client sees its response. {@code true} accepts
     *                  (the client gets 101); {@code false} answers 404 Not Found (the client gets that response
     *                  and {@code closed(WEBSOCKET 404)}, the server side is never used)
     */
    public LoopbackConnection(LoopbackConfig config, Predicate<C4Socket> onConnect) {
        this.config = Objects.requireNonNull(config, "config");
        this.onConnect = Objects.requireNonNull(onConnect, "onConnect");
        scheduler = config.scheduler();
        jitter = new Random(config.jitterSeed());
        client = new Endpoint(Side.CLIENT, this, new SerialExecutor(scheduler, "loopback client socket"));
        server = new Endpoint(Side.SERVER, this, new SerialExecutor(scheduler, "loopback server socket"));
        clientToServer = new Link(Side.CLIENT, config.dropAfterBytes(Side.CLIENT).orElse(Long.MAX_VALUE));
        serverToClient = new Link(Side.SERVER, config.dropAfterBytes(Side.SERVER).orElse(Long.MAX_VALUE));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Connection", List.of("Upgrade"));
        headers.put("Upgrade", List.of("websocket"));
        config.subprotocol().ifPresent(p -> headers.put("Sec-WebSocket-Protocol", List.of(p)));
        responseHeaders = Collections.unmodifiableMap(headers);
    }

    public C4Socket socket(Side side) {
        return endpoint(side);
    }

    public long deliveredBytes(Side sender) {
        synchronized (lock) {
            return link(sender).deliveredBytes;
        }
    }

    public long deliveredMessages(Side sender) {
        synchronized (lock) {
            return link(sender).deliveredMessages;
        }
    }

    public long outstandingBytes(Side sender) {
        synchronized (lock) {
            return link(sender).outstanding;
        }
    }

    public boolean isClosed(Side side) {
        synchronized (lock) {
            return endpoint(side).state == State.CLOSED;
        }
    }

    public void disconnect() {
        synchronized (lock) {
            end(reset("disconnected by the test"), reset("disconnected by the test"));
        }
    }

    // ---- calls down from the sockets ----

    void open(Endpoint ep, SocketDelegate delegate) {
        Objects.requireNonNull(delegate, "delegate");
        synchronized (lock) {
            if (ep.state != State.UNOPENED) {
                throw ep.misuse("open()", "open() may be called only once");
            }
            ep.delegate = delegate;
            if (ep.pendingError != null) {
                C4Exception error = ep.pendingError;
                ep.moveTo(State.CLOSED);
                emit(ep, d -> d.closed(error));
            } else if (ep.side == Side.CLIENT) {
                ep.moveTo(State.OPENING);
                long handshake = config.openDelay().toNanos() + 2 * config.latency().toNanos();
                openTimer = scheduler.schedule(this::connectClient, handshake, TimeUnit.NANOSECONDS);
            } else if (config.refusesOpen()) {
                ep.moveTo(State.OPENING);
            } else {
                ep.moveTo(State.OPEN);
                emit(ep, SocketDelegate::opened);
                deliver(clientToServer);
            }
        }
    }

    void write(Endpoint ep, ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
        synchronized (lock) {
            switch (ep.state) {
                case UNOPENED, OPENING -> throw ep.misuse("write()", "wait for opened() before writing");
                case CLOSING, CLOSED -> {
                    return;
                }
                case OPEN -> {
                    long index = ep.messagesWritten++;
                    boolean drops = config.dropTrigger()
                            .map(t -> t.shouldDrop(ep.side, index, copy.asReadOnlyBuffer()))
                            .orElse(false);
                    ep.sendQueue.add(new Link.Data(copy, drops));
                    pump(ep);
                }
            }
        }
    }

    void completedReceive(Endpoint ep, long byteCount) {
        if (byteCount < 0) {
            throw new IllegalArgumentException(ep + ": completedReceive(" + byteCount + ") is negative");
        }
        synchronized (lock) {
            switch (ep.state) {
                case UNOPENED, OPENING -> throw ep.misuse("completedReceive()", "nothing was received yet");
                case CLOSED -> {
                    return;
                }
                case OPEN, CLOSING -> {
                    Link in = link(ep.side.peer());
                    long unreleased = in.deliveredBytes - in.releasedBytes;
                    if (byteCount > unreleased) {
                        throw new IllegalArgumentException(ep + ": completedReceive(" + byteCount
                                + ") exceeds the " + unreleased + " bytes received and not yet released");
                    }
                    in.releasedBytes += byteCount;
                    in.outstanding -= byteCount;
                    pump(endpoint(in.sender));
                }
            }
        }
    }

    void requestClose(Endpoint ep, int code, String reason) {
        synchronized (lock) {
            switch (ep.state) {
                case UNOPENED -> throw ep.misuse("requestClose()", "open the socket first, or close() it");
                case OPENING -> close(ep);
                case OPEN -> {
                    ep.moveTo(State.CLOSING);
                    Link.CloseFrame frame = new Link.CloseFrame(code, reason == null ? "" : reason);
                    if (firstClose == null) {
                        firstClose = frame;
                        closeTimer = scheduler.schedule(this::closeTimedOut, config.closeTimeout().toNanos(),
                                TimeUnit.NANOSECONDS);
                    }
                    ep.sendQueue.add(frame);
                    pump(ep);
                }
                case CLOSING, CLOSED -> {
                }
            }
        }
    }

    void close(Endpoint ep) {
        synchronized (lock) {
            if (ep.state == State.CLOSED) {
                return;
            }
            if (ep.state == State.UNOPENED) {
                ep.moveTo(State.CLOSED);
            }
            C4Exception local = abnormal("closed locally without a close handshake");
            C4Exception remote = abnormal("the peer closed the connection without a close handshake");
            end(ep.side == Side.CLIENT ? local : remote, ep.side == Side.CLIENT ? remote : local);
        }
    }

    // ---- the wire ----

    /** Moves messages the link has room for from the sender's queue onto the wire. */
    private void pump(Endpoint sender) {
        Link link = link(sender.side);
        while (!ended && !sender.sendQueue.isEmpty()) {
            Link.Item head = sender.sendQueue.peek();
            if (head instanceof Link.Data data) {
                int size = data.size();
                if (link.outstanding > 0 && link.outstanding + size > config.bufferBytes()) {
                    return;
                }
                link.outstanding += size;
                emit(sender, d -> d.completedWrite(size));
            }
            sender.sendQueue.poll();
            transmit(link, head);
        }
    }

    private void transmit(Link link, Link.Item item) {
        Link.InFlight f = link.send(item);
        long delay = config.latency().toNanos();
        long maxJitter = config.jitter().toNanos();
        if (maxJitter > 0) {
            delay += jitter.nextLong(maxJitter + 1);
        }
        if (delay == 0) {
            f.ready = true;
            deliver(link);
        } else {
            scheduler.schedule(() -> {
                synchronized (lock) {
                    f.ready = true;
                    deliver(link);
                }
            }, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** Hands the receiver every item at the head of the link whose latency has passed, in order. */
    private void deliver(Link link) {
        Endpoint receiver = endpoint(link.sender.peer());
        while (!ended && receiver.receives() && link.headReady()) {
            Link.Item item = link.inFlight.poll().item;
            if (item instanceof Link.Data data) {
                int size = data.size();
                if (data.dropsConnection() || !link.withinDropLimit(size)) {
                    end(reset("connection reset (injected fault)"), reset("connection reset (injected fault)"));
                    return;
                }
                link.deliveredBytes += size;
                link.deliveredMessages++;
                emit(receiver, d -> d.received(data.bytes()));
            } else if (item instanceof Link.CloseFrame close) {
                link.closeDelivered = true;
                if (receiver.state == State.OPEN) {
                    emit(receiver, d -> d.closeRequested(close.code(), close.reason()));
                }
                if (link(receiver.side).closeDelivered) {
                    end(handshakeResult(), handshakeResult());
                }
            }
        }
    }

    // ---- timers ----

    private void connectClient() {
        synchronized (lock) {
            if (client.state != State.OPENING) {
                return;
            }
            if (config.refusesOpen()) {
                end(refused(), refused());
                return;
            }
        }
        boolean accepted;
        try {
            accepted = onConnect.test(server);
        } catch (RuntimeException e) {
            LOG.warn("loopback: the acceptor threw; resetting the connection", e);
            synchronized (lock) {
                end(reset("the acceptor failed"), reset("the acceptor failed"));
            }
            return;
        }
        synchronized (lock) {
            if (client.state != State.OPENING) {
                return;
            }
            if (!accepted) {
                emit(client, d -> d.gotHttpResponse(ErrorCodes.WebSocket.HTTP_NOT_FOUND, Map.of()));
                end(notFound(), notFound());
                return;
            }
            client.moveTo(State.OPEN);
            emit(client, d -> d.gotHttpResponse(HTTP_SWITCHING_PROTOCOLS, responseHeaders));
            emit(client, SocketDelegate::opened);
            deliver(serverToClient);
        }
    }

    private void closeTimedOut() {
        synchronized (lock) {
            end(abnormal("close handshake timed out"), abnormal("close handshake timed out"));
        }
    }

    // ---- the end ----

    /** Ends the connection once: each side gets its own error ({@code null}: normal close). */
    private void end(C4Exception clientError, C4Exception serverError) {
        if (ended) {
            return;
        }
        ended = true;
        if (openTimer != null) {
            openTimer.cancel(false);
        }
        if (closeTimer != null) {
            closeTimer.cancel(false);
        }
        clientToServer.clear();
        serverToClient.clear();
        client.sendQueue.clear();
        server.sendQueue.clear();
        finish(client, clientError);
        finish(server, serverError);
    }

    private void finish(Endpoint ep, C4Exception error) {
        switch (ep.state) {
            case CLOSED -> {
            }
            case UNOPENED -> ep.pendingError = error;
            case OPENING, OPEN, CLOSING -> {
                ep.moveTo(State.CLOSED);
                emit(ep, d -> d.closed(error));
            }
        }
    }

    private C4Exception handshakeResult() {
        if (firstClose.code() == ErrorCodes.WebSocket.CLOSE_NORMAL) {
            return null;
        }
        return new C4Exception(ErrorDomain.WEBSOCKET, firstClose.code(), firstClose.reason());
    }

    private static C4Exception abnormal(String message) {
        return new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_ABNORMAL, message);
    }

    private static C4Exception notFound() {
        return new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.HTTP_NOT_FOUND,
                "the listener does not serve this database");
    }

    private static C4Exception refused() {
        return new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_REFUSED,
                "connection refused (injected fault)");
    }

    private static C4Exception reset(String message) {
        return new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_RESET, message);
    }

    // ---- helpers ----

    private void emit(Endpoint ep, Consumer<SocketDelegate> event) {
        SocketDelegate delegate = ep.delegate;
        ep.events.execute(() -> event.accept(delegate));
    }

    private Endpoint endpoint(Side side) {
        return side == Side.CLIENT ? client : server;
    }

    private Link link(Side sender) {
        return sender == Side.CLIENT ? clientToServer : serverToClient;
    }
}
