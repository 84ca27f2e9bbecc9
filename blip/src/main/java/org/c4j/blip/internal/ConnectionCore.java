package org.c4j.blip.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.c4j.socket.SerialExecutor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.c4j.blip.BlipConfig;
import org.c4j.blip.BlipStats;
import org.c4j.blip.ConnectionListener;
import org.c4j.blip.ConnectionState;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.blip.RequestHandler;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.SocketDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link org.c4j.blip.BlipConnection}: the connection's state machine and the socket's delegate.
 * Socket events, API calls and replies from other threads are all enqueued on one {@link SerialExecutor}, which alone
 * touches the {@link Sender}, the {@link Receiver} and the state. When that executor is idle, the thread bringing
 * the work takes its turn ({@link SerialExecutor#executeHereIfIdle}): a socket event runs on the transport's
 * thread (with a few tasks posted meanwhile), a send or reply on its caller's — one thread wake-up less per
 * message each way, order and no-overlap unchanged.
 *
 * <p>Failures at the connection's edge: a protocol violation closes with 1002, a limit hit ({@link BlipLimitException})
 * with its 1009 or 1008, and any other throwable while handling a frame — {@link OutOfMemoryError} included — with
 * 1011; each time with one log line, after dropping every buffer the connection holds, and the frame's bytes are
 * always released with {@code completedReceive} so the receive window never stays shut. No throwable escapes a
 * socket callback: if the executor refuses work, the event is logged, received bytes are released and the socket is
 * closed.
 *
 * <p>Thread-safe: every public method may be called from any thread and returns without blocking.
 */
public final class ConnectionCore implements SocketDelegate, ReceivedMessage.Responder {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCore.class);
    /** WebSocket close reasons must fit in a control frame (123 bytes); ours are ASCII and kept shorter. */
    private static final int MAX_REASON_LENGTH = 100;
    /** BLIP error code for a request whose handler threw (the spec's HandlerFailed). */
    private static final int HANDLER_FAILED = 501;

    private final C4Socket socket;
    private final BlipConfig config;
    private final String name;
    /** Default base for connection executors: daemon threads, so an idle connection holds no thread. */
    private static final ExecutorService SHARED_POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "c4j-blip");
        t.setDaemon(true);
        return t;
    });

    private final SerialExecutor executor;
    private final Sender sender;
    private final Receiver receiver;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, RequestHandler> handlers = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile RequestHandler defaultHandler;
    private volatile ConnectionState state = ConnectionState.CREATED;
    /** Why we are closing the connection ourselves (reported by onClose instead of the socket's error). */
    private C4Exception fatalError;

    public ConnectionCore(C4Socket socket, BlipConfig config) {
        this.socket = socket;
        this.config = config;
        this.name = config.name();
        this.executor = new SerialExecutor(config.executor() == null ? SHARED_POOL : config.executor(),
                "blip " + name, this::failOnError);
        this.sender = new Sender(socket, config, e -> failFatally(e, closeCodeFor(e)));
        this.receiver = new Receiver(config, sender, this, this::dispatch);
    }

    // ---- API, any thread ----

    public String name() {
        return name;
    }

    public ConnectionState state() {
        return state;
    }

    public BlipStats stats() {
        return new BlipStats(sender.bytesSent(), receiver.bytesReceived(), sender.messagesSent(),
                receiver.messagesReceived());
    }

    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    public void setRequestHandler(String profile, RequestHandler handler) {
        if (handler == null) {
            handlers.remove(profile);
        } else {
            handlers.put(profile, handler);
        }
    }

    public void setDefaultHandler(RequestHandler handler) {
        defaultHandler = handler;
    }

    /** Opens the socket with this as its delegate. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("BLIP connection " + name + " was already started");
        }
        executor.execute(() -> {
            if (state == ConnectionState.CREATED) {
                moveTo(ConnectionState.CONNECTING);
                socket.open(this);
            }
        });
    }

    /** Queues a request; see {@link org.c4j.blip.BlipConnection#send}. */
    public CompletableFuture<IncomingMessage> send(OutgoingMessage message) {
        byte[] properties = MessageCodec.encodeProperties(message.properties());
        CompletableFuture<IncomingMessage> future = new CompletableFuture<>();
        int flags = flagsOf(message) | (message.isNoReply() ? BlipWire.NO_REPLY : 0);
        MessageOut out = new MessageOut(MessageType.MSG, 0, flags, payloadOf(properties, message), future,
                message.isNoReply() ? null : message.replySink());
        if (state == ConnectionState.CLOSED) {
            future.completeExceptionally(disconnected(null));
        } else {
            executor.executeHereIfIdle(() -> sender.enqueue(out), 0);
        }
        return future;
    }

    /** Starts an orderly close; see {@link org.c4j.blip.BlipConnection#close}. */
    public void close(int code, String reason) {
        executor.execute(() -> {
            switch (state) {
                case CREATED -> onClosed(null);
                case CONNECTING, OPEN -> beginClosing(code, reason);
                default -> LOG.debug("{}: close() while {}", name, state);
            }
        });
    }

    @Override
    public void reply(ReceivedMessage request, OutgoingMessage reply) {
        byte[] properties;
        try {
            properties = MessageCodec.encodeProperties(reply.properties());
        } catch (IllegalArgumentException e) {
            // The request is answered only once: tell the peer rather than leave it waiting, then tell the caller.
            replyWithError(request, BlipWire.DEFAULT_ERROR_DOMAIN, HANDLER_FAILED, "reply could not be encoded");
            throw e;
        }
        int flags = flagsOf(reply) | (request.isUrgent() ? BlipWire.URGENT : 0);
        queueReply(new MessageOut(MessageType.RPY, request.number(), flags, payloadOf(properties, reply), null, null));
    }

    @Override
    public void replyWithError(ReceivedMessage request, String domain, int code, String message) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(BlipWire.ERROR_DOMAIN, domain);
        props.put(BlipWire.ERROR_CODE, Integer.toString(code));
        byte[] body = message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8);
        int flags = request.isUrgent() ? BlipWire.URGENT : 0;
        queueReply(new MessageOut(MessageType.ERR, request.number(), flags,
                OutgoingPayload.of(MessageCodec.encodeProperties(props), body), null, null));
    }

    private void queueReply(MessageOut reply) {
        executor.executeHereIfIdle(() -> sender.enqueue(reply), 0);
    }

    private int flagsOf(OutgoingMessage m) {
        return (m.isUrgent() ? BlipWire.URGENT : 0)
                | (m.isCompressed() && config.compressionLevel() > 0 ? BlipWire.COMPRESSED : 0);
    }

    private OutgoingPayload payloadOf(byte[] properties, OutgoingMessage m) {
        return m.bodySource() == null ? OutgoingPayload.of(properties, m.body())
                : OutgoingPayload.of(properties, m.bodySource(), 2 * config.frameSize());
    }

    // ---- SocketDelegate: any thread, one at a time; everything is enqueued ----

    @Override
    public void opened() {
        fromSocket("opened", () -> {
            if (state != ConnectionState.CONNECTING) {
                LOG.debug("{}: socket opened while {}", name, state);
                return;
            }
            moveTo(ConnectionState.OPEN);
            notifyListeners(ConnectionListener::onOpen);
            sender.setOpen(true);
        });
    }

    @Override
    public void gotPeerCertificates(List<X509Certificate> chain) {
        fromSocket("gotPeerCertificates", () -> notifyListeners(l -> l.onPeerCertificates(chain)));
    }

    @Override
    public void gotHttpResponse(int status, Map<String, List<String>> headers) {
        fromSocket("gotHttpResponse", () -> notifyListeners(l -> l.onHttpResponse(status, headers)));
    }

    @Override
    public void received(ByteBuffer data) {
        int size = data.remaining();
        if (!fromSocket("received", () -> onReceived(data, size))) {
            socket.completedReceive(size);
        }
    }

    @Override
    public void closeRequested(int code, String reason) {
        fromSocket("closeRequested", () -> {
            if (state == ConnectionState.CONNECTING || state == ConnectionState.OPEN) {
                LOG.debug("{}: peer asked to close ({} {})", name, code, reason);
                beginClosing(code, reason);
            }
        });
    }

    /**
     * Counted here, on the socket's thread; only when the sender waits for room in the socket does it take a task
     * (so the transport's writer thread, which reports completions, is not kept from writing by BLIP work).
     */
    @Override
    public void completedWrite(long byteCount) {
        if (sender.writeCompleted(byteCount)) {
            fromSocket("completedWrite", sender::resume);
        }
    }

    @Override
    public void closed(C4Exception error) {
        fromSocket("closed", () -> onClosed(error));
    }

    /**
     * Hands a socket event to the executor — run on the socket's thread if the executor is idle, with up to
     * {@link BlipTuning#INLINE_TASKS} tasks posted meanwhile (a reply, a request from a worker), so a received frame
     * or a completed write costs no thread wake-up. Never throws: if the executor refuses it (its pool is shut down,
     * or there is no memory left for the task) the connection cannot go on, so the socket is closed.
     *
     * @return false if the event was refused
     */
    private boolean fromSocket(String event, Runnable task) {
        try {
            executor.executeHereIfIdle(task, BlipTuning.INLINE_TASKS);
            return true;
        } catch (Throwable t) {
            try {
                LOG.error("{}: cannot handle {} from the socket; closing it", name, event, t);
                socket.close();
            } catch (Throwable ignored) {
                // nothing more can be done from inside a socket callback
            }
            return false;
        }
    }

    // ---- executor only ----

    private void onReceived(ByteBuffer data, int size) {
        try {
            if (state != ConnectionState.CLOSED && fatalError == null) {
                receiver.onFrame(data);
            }
        } catch (BlipLimitException e) {
            failFatally(e, e.closeCode());
        } catch (BlipProtocolException e) {
            failFatally(e, ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR);
        } catch (RuntimeException e) {
            failFatally(new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME,
                    "could not process a frame: " + e, e), ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR);
        } catch (Throwable t) {
            failOnError(t);
        } finally {
            socket.completedReceive(size);
        }
    }

    /**
     * A throwable our own code did not expect — an Error (out of memory, stack overflow...) while handling a frame, or
     * any failure of another task (the executor's failure handler): frees what the connection holds first, then
     * closes it with 1011. Does nothing once closed.
     */
    private void failOnError(Throwable t) {
        if (state == ConnectionState.CLOSED || fatalError != null) {
            return;
        }
        try {
            receiver.close(disconnected(null)); // free the big buffers before building anything else
            C4Exception error = t instanceof OutOfMemoryError
                    ? new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.MEMORY_ERROR,
                    "out of memory", t)
                    : new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNEXPECTED_ERROR,
                    "unexpected failure: " + t, t);
            failFatally(error, ErrorCodes.WebSocket.CLOSE_CANT_FULFILL);
        } catch (Throwable again) {
            socket.close(); // not even that worked: tear the connection down, closed() follows
        }
    }

    private static int closeCodeFor(C4Exception e) {
        if (e instanceof BlipLimitException limit) {
            return limit.closeCode();
        }
        return e instanceof BlipProtocolException ? ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR
                : ErrorCodes.WebSocket.CLOSE_CANT_FULFILL;
    }

    private void dispatch(ReceivedMessage request) {
        String profile = request.profile();
        RequestHandler handler = profile == null ? null : handlers.get(profile);
        if (handler == null) {
            handler = defaultHandler;
        }
        try {
            if (handler == null) {
                request.respondWithError(BlipWire.DEFAULT_ERROR_DOMAIN, ErrorCodes.Blip.NOT_FOUND,
                        "no handler for profile " + profile);
            } else {
                handler.handle(request);
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: handler of {} failed", name, request, e);
            request.respondWithErrorIfUnanswered(BlipWire.DEFAULT_ERROR_DOMAIN, HANDLER_FAILED,
                    "handler failed: " + e.getClass().getSimpleName());
        }
    }

    private void beginClosing(int code, String reason) {
        moveTo(ConnectionState.CLOSING);
        sender.setOpen(false);
        socket.requestClose(code, reason);
    }

    /**
     * We close the connection because of {@code error}; onClose will report it. Everything the connection holds
     * (messages in progress both ways) is dropped now, not when the socket finally reports closed.
     */
    private void failFatally(C4Exception error, int closeCode) {
        if (fatalError != null || state == ConnectionState.CLOSED) {
            return;
        }
        fatalError = error;
        C4Exception disconnected = disconnected(error);
        receiver.close(disconnected);
        sender.cancelAll(disconnected);
        Throwable cause = error.getCause();
        if (cause != null && !(cause instanceof C4Exception)) {
            LOG.error("{}: closing with {}: {}", name, closeCode, error.getMessage(), cause); // a bug or no memory
        } else {
            LOG.warn("{}: closing with {}: {}", name, closeCode, error.getMessage());
        }
        if (state == ConnectionState.CONNECTING || state == ConnectionState.OPEN) {
            String reason = String.valueOf(error.getMessage());
            beginClosing(closeCode, reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH)
                    : reason);
        }
    }

    private void onClosed(C4Exception socketError) {
        if (state == ConnectionState.CLOSED) {
            LOG.warn("{}: socket reported closed twice", name);
            return;
        }
        moveTo(ConnectionState.CLOSED);
        C4Exception reported = fatalError != null ? fatalError : socketError;
        LOG.debug("{}: closed ({})", name, reported);
        C4Exception disconnected = disconnected(reported);
        sender.cancelAll(disconnected);
        receiver.close(disconnected);
        notifyListeners(l -> l.onClose(reported));
    }

    private C4Exception disconnected(C4Exception cause) {
        return new C4Exception(ErrorDomain.BLIP, ErrorCodes.Blip.DISCONNECTED,
                "BLIP connection closed" + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    private void moveTo(ConnectionState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("BLIP connection " + name + " cannot go from " + state + " to " + next);
        }
        state = next;
    }

    private void notifyListeners(Consumer<ConnectionListener> event) {
        for (ConnectionListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("{}: connection listener failed", name, e);
            }
        }
    }
}
