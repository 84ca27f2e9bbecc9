package org.c4j.examples.tcp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.Framing;
import org.c4j.socket.SerialExecutor;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.TransportErrors;

/**
 * One TCP connection as a byte-stream {@link C4Socket}: the only class of this transport that touches a socket.
 * A client stream connects and does the HTTP upgrade itself; an accepted stream is already upgraded. Then a reader
 * thread delivers what arrives (pausing while more than {@link TcpTuning#RECEIVE_WINDOW} bytes are unreleased) and
 * a writer thread sends the queued writes in order, reporting each with {@code completedWrite} once written.
 *
 * <p>Closing ({@link Framing#BYTE_STREAM_SERVER} says what a byte-stream socket promises): {@code requestClose}
 * queues the end of our stream after the writes (TCP FIN); once the peer's stream has ended too the socket closes
 * and {@code closed(null)} is delivered. A peer that ends its stream first gets ours ended after our queued writes.
 * If the peer does not end its stream within {@link TcpTuning#CLOSE_TIMEOUT} of ours the socket is reset.
 * {@code close()} resets at once (RST). I/O errors are mapped by {@link TransportErrors#fromJavaIo}.
 *
 * <p><b>Threading:</b> thread-safe; state is guarded by {@link #lock}, the delegate is called only through one
 * {@link SerialExecutor} (in event order, never overlapping, never under the lock). Buffers given to {@code write}
 * belong to the stream; each received buffer is a fresh one owned by the delegate.
 */
final class TcpStream implements C4Socket {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "c4j-tcp");
        t.setDaemon(true);
        return t;
    });
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "c4j-tcp-timer");
        t.setDaemon(true);
        return t;
    });
    /** Marks the end of our stream in the outbox. */
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    /** The stream's life; changed only by {@link #moveTo}, under {@link #lock}. */
    private enum State {
        NEW, CONNECTING, OPEN, CLOSED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case NEW -> next == CONNECTING || next == CLOSED;
                case CONNECTING -> next == OPEN || next == CLOSED;
                case OPEN -> next == CLOSED;
                case CLOSED -> false;
            };
        }
    }

    private final Framing framing;
    private final URI address;
    private final Map<String, String> requestHeaders;
    private final Consumer<TcpStream> onClosed;
    private final SerialExecutor events = new SerialExecutor(THREADS, "tcp stream");
    private final Object lock = new Object();
    // Guarded by lock.
    private State state = State.NEW;
    private SocketDelegate delegate;
    private Socket socket;
    private InputStream in;
    private final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();
    private boolean endQueued;
    private boolean outputEnded;
    private boolean inputEnded;
    private long unreleased;

    private TcpStream(Framing framing, URI address, Map<String, String> requestHeaders, Socket socket, InputStream in,
                      Consumer<TcpStream> onClosed) {
        this.framing = framing;
        this.address = address;
        this.requestHeaders = requestHeaders;
        this.socket = socket;
        this.in = in;
        this.onClosed = onClosed;
    }

    /** A client stream that will connect to {@code address} and upgrade with {@code headers}. */
    static TcpStream client(URI address, Map<String, String> headers) {
        return new TcpStream(Framing.BYTE_STREAM_CLIENT, address, headers, null, null, s -> { });
    }

    /** An accepted, already upgraded stream over {@code socket}, reading from {@code in}. */
    static TcpStream accepted(Socket socket, InputStream in, Consumer<TcpStream> onClosed) {
        return new TcpStream(Framing.BYTE_STREAM_SERVER, null, Map.of(), socket, in, onClosed);
    }

    @Override
    public Framing framing() {
        return framing;
    }

    @Override
    public void open(SocketDelegate d) {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("stream already opened");
            }
            delegate = d;
            moveTo(State.CONNECTING);
        }
        if (address != null) {
            THREADS.execute(this::connect);
        } else {
            becomeOpen();
        }
    }

    @Override
    public void write(ByteBuffer data) {
        synchronized (lock) {
            if (state != State.CLOSED && !endQueued) {
                outbox.addLast(data);
                lock.notifyAll();
            }
        }
    }

    @Override
    public void completedReceive(long byteCount) {
        synchronized (lock) {
            unreleased = Math.max(0, unreleased - byteCount);
            lock.notifyAll();
        }
    }

    @Override
    public void requestClose(int code, String reason) {
        synchronized (lock) {
            if (state == State.OPEN) {
                endOutput();
                return;
            }
        }
        close();
    }

    @Override
    public void close() {
        abort(new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_ABNORMAL, "closed locally"));
    }

    // ---- connection threads ----

    private void connect() {
        try {
            Socket s = new Socket();
            synchronized (lock) {
                if (state == State.CLOSED) {
                    return;
                }
                socket = s;
            }
            int timeout = (int) TcpTuning.HANDSHAKE_TIMEOUT.toMillis();
            s.connect(new InetSocketAddress(address.getHost(), address.getPort() < 0 ? 80 : address.getPort()),
                    timeout);
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeout);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            s.getOutputStream().write(UpgradeHead.request(address, requestHeaders, key));
            InputStream input = new BufferedInputStream(s.getInputStream(), TcpTuning.READ_BUFFER);
            UpgradeHead.Head head = UpgradeHead.read(input, TcpTuning.MAX_HEAD);
            int status = parseStatus(head.second());
            Map<String, List<String>> headers = head.headers();
            deliver(d -> d.gotHttpResponse(status, headers));
            C4Exception refused = TransportErrors.fromHttpStatus(status, head.third());
            if (refused == null && !UpgradeHead.acceptFor(key).equals(head.header("Sec-WebSocket-Accept"))) {
                refused = new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_PROTOCOL_ERROR,
                        "bad Sec-WebSocket-Accept in the 101 response");
            }
            if (refused != null) {
                abort(refused);
                return;
            }
            s.setSoTimeout(0);
            synchronized (lock) {
                in = input;
            }
            becomeOpen();
        } catch (IOException e) {
            abort(TransportErrors.fromJavaIo(e));
        }
    }

    private static int parseStatus(String text) throws IOException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status " + text);
        }
    }

    private void becomeOpen() {
        synchronized (lock) {
            if (state != State.CONNECTING) {
                return;
            }
            moveTo(State.OPEN);
            events.execute(delegate::opened);
        }
        THREADS.execute(this::readLoop);
        THREADS.execute(this::writeLoop);
    }

    private void readLoop() {
        byte[] buf = new byte[TcpTuning.READ_BUFFER];
        try {
            while (true) {
                InputStream input;
                synchronized (lock) {
                    while (unreleased > TcpTuning.RECEIVE_WINDOW && state == State.OPEN) {
                        lock.wait();
                    }
                    if (state != State.OPEN) {
                        return;
                    }
                    input = in;
                }
                int n = input.read(buf);
                synchronized (lock) {
                    if (state != State.OPEN) {
                        return;
                    }
                    if (n < 0) {
                        inputEnded = true;
                        endOutput(); // the peer ended its stream: end ours after what is queued
                        finishIfEnded();
                        return;
                    }
                    unreleased += n;
                    ByteBuffer chunk = ByteBuffer.wrap(java.util.Arrays.copyOf(buf, n));
                    events.execute(() -> delegate.received(chunk));
                }
            }
        } catch (IOException e) {
            abort(TransportErrors.fromJavaIo(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(TransportErrors.fromJavaIo(new IOException("reader interrupted")));
        }
    }

    private void writeLoop() {
        try {
            OutputStream out;
            synchronized (lock) {
                out = socket.getOutputStream();
            }
            while (true) {
                ByteBuffer next;
                synchronized (lock) {
                    while (outbox.isEmpty() && state == State.OPEN) {
                        lock.wait();
                    }
                    if (state != State.OPEN) {
                        return;
                    }
                    next = outbox.removeFirst();
                }
                if (next == END) {
                    socket.shutdownOutput();
                    synchronized (lock) {
                        outputEnded = true;
                        finishIfEnded();
                    }
                    return;
                }
                int n = next.remaining();
                if (next.hasArray()) {
                    out.write(next.array(), next.arrayOffset() + next.position(), n);
                } else {
                    byte[] copy = new byte[n];
                    next.get(copy);
                    out.write(copy);
                }
                out.flush();
                synchronized (lock) {
                    if (state == State.OPEN) {
                        events.execute(() -> delegate.completedWrite(n));
                    }
                }
            }
        } catch (IOException e) {
            abort(TransportErrors.fromJavaIo(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(TransportErrors.fromJavaIo(new IOException("writer interrupted")));
        }
    }

    // ---- under lock ----

    private void endOutput() {
        if (!endQueued) {
            endQueued = true;
            outbox.addLast(END);
            lock.notifyAll();
            TIMERS.schedule(() -> abort(TransportErrors.fromJavaIo(new java.net.SocketTimeoutException(
                    "the peer did not end its stream within " + TcpTuning.CLOSE_TIMEOUT.toSeconds() + " s"))),
                    TcpTuning.CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void finishIfEnded() {
        if (inputEnded && outputEnded) {
            finish(null, false);
        }
    }

    // ---- any thread ----

    private void abort(C4Exception error) {
        synchronized (lock) {
            finish(error, true);
        }
    }

    /** Closes the socket (resetting it if {@code reset}) and delivers {@code closed(error)} once. Under lock. */
    private void finish(C4Exception error, boolean reset) {
        if (state == State.CLOSED) {
            return;
        }
        boolean opened = state != State.NEW;
        moveTo(State.CLOSED);
        lock.notifyAll();
        if (socket != null) {
            if (reset) {
                try {
                    socket.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // not connected (yet): a plain close will do
                }
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (opened) {
            events.execute(() -> delegate.closed(error));
        }
        events.execute(() -> onClosed.accept(this));
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("TcpStream: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    private void deliver(Consumer<SocketDelegate> event) {
        synchronized (lock) {
            if (state != State.CLOSED) {
                events.execute(() -> event.accept(delegate));
            }
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "TcpStream[" + framing + ", " + state + (address == null ? "" : ", " + address) + "]";
        }
    }
}
