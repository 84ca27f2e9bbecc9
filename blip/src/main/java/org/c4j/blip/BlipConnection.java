package org.c4j.blip;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.c4j.blip.internal.ConnectionCore;
import org.c4j.blip.internal.stream.ByteStreamSocket;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;

/**
 * A BLIP 3 connection over one {@link C4Socket}: sends requests and gets their replies, and hands incoming requests to
 * handlers by profile. Messages are multiplexed frame by frame (urgent ones get a larger share), big ones are flow
 * controlled with ACKs, and frames may be deflated.
 *
 * <p>Life: {@link #create}, register handlers and listeners, {@link #start()}; then {@link #send} and reply; finally
 * {@link #close} (or the peer closes, or the network fails) and {@link ConnectionListener#onClose} arrives exactly
 * once. A corrupt frame from the peer closes the connection with WebSocket code 1002 and reports the
 * {@link org.c4j.socket.ErrorDomain#BLIP BLIP} error. A peer that makes it exceed one of its limits (message size,
 * buffered bytes, requests in progress, inflated frame size, outgoing queue: see {@link BlipConfig}) is closed with
 * 1009 or 1008 and a {@link org.c4j.socket.ErrorDomain#WEBSOCKET WEBSOCKET} error of that code; any other failure
 * while handling a frame (out of memory included) closes it with 1011. Other connections are not affected.
 *
 * <p><b>Threading:</b> thread-safe; no method blocks. All work (socket events, handlers, listeners, completion of the
 * send futures) runs one task at a time in the connection's own serial order (see {@link BlipConfig.Builder#executor}):
 * on the executor's thread, or — when it is idle — on the thread that brought the work (the transport's thread for a
 * received frame, the caller's for a send or a reply), which saves a thread wake-up. So handlers, listeners and
 * stages chained on a future without an executor must not block, and must not assume which thread they are on.
 */
public final class BlipConnection {
    private final ConnectionCore core;

    private BlipConnection(ConnectionCore core) {
        this.core = core;
    }

    /**
     * A connection over {@code socket}, which must not be opened yet. Nothing happens until {@link #start()}. A
     * byte-stream socket ({@link org.c4j.socket.Framing#isByteStream()}) gets the engine's own WebSocket framing.
     */
    public static BlipConnection create(C4Socket socket, BlipConfig config) {
        return new BlipConnection(new ConnectionCore(ByteStreamSocket.messageFramed(
                Objects.requireNonNull(socket, "socket")), Objects.requireNonNull(config, "config")));
    }

    /**
     * Opens the socket. Messages sent before the socket is open wait for it.
     *
     * @throws IllegalStateException if called twice
     */
    public void start() {
        core.start();
    }

    /**
     * Handles complete requests whose {@code Profile} is {@code profile}; null removes the handler. Handlers set
     * before {@link #start()} see every request.
     */
    public void setRequestHandler(String profile, RequestHandler handler) {
        core.setRequestHandler(Objects.requireNonNull(profile, "profile"), handler);
    }

    /**
     * Handles requests no profile handler takes; null restores the default, which answers error BLIP 404
     * "no handler for profile X".
     */
    public void setDefaultHandler(RequestHandler handler) {
        core.setDefaultHandler(handler);
    }

    /**
     * Sends a request.
     *
     * @return completes with the reply (an error reply completes normally, with {@link IncomingMessage#isError()});
     *         with null once sent for a no-reply request; exceptionally with a {@link org.c4j.socket.C4Exception}
     *         (BLIP, {@link ErrorCodes.Blip#DISCONNECTED}) if the connection closes first, or with the
     *         {@link BodySink}'s exception if the reply sink throws
     * @throws IllegalArgumentException if the properties are too large to send (over 100 KiB encoded)
     */
    public CompletableFuture<IncomingMessage> send(OutgoingMessage request) {
        return core.send(Objects.requireNonNull(request, "request"));
    }

    /**
     * Closes the connection: the socket's close handshake starts with this WebSocket code and reason. Nothing more is
     * sent (messages not completely sent are dropped, their futures fail), replies already on the way are still
     * received until the socket closes. Does nothing if already closing.
     */
    public void close(int code, String reason) {
        core.close(code, Objects.requireNonNull(reason, "reason"));
    }

    /** {@link #close(int, String)} with code 1000 (normal closure). */
    public void close() {
        close(ErrorCodes.WebSocket.CLOSE_NORMAL, "");
    }

    /** The current state (it may change right after). */
    public ConnectionState state() {
        return core.state();
    }

    /** Adds a listener; listeners added before {@link #start()} see every event. */
    public void addListener(ConnectionListener listener) {
        core.addListener(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ConnectionListener listener) {
        core.removeListener(listener);
    }

    /** Traffic counters so far. */
    public BlipStats stats() {
        return core.stats();
    }

    /** The name from the config, used in log lines. */
    public String name() {
        return core.name();
    }

    @Override
    public String toString() {
        return "BlipConnection[" + core.name() + ", " + core.state() + "]";
    }
}
