package org.c4j.ws.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.c4j.socket.C4Exception;
import org.c4j.ws.internal.client.ProxySpec;
import org.c4j.ws.internal.client.ProxyTunnel;
import org.c4j.ws.internal.http.HttpHead;
import org.c4j.ws.internal.listen.FrameUnmasker;
import org.c4j.ws.internal.listen.Rejection;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader side of one {@link WsConnection}, on its own thread: connects (client), reads the peer's HTTP head
 * (bounded by {@link Tuning#MAX_HTTP_HEAD}; the connection's upgrade timer bounds the time), asks the
 * {@link ConnectionListener} whether to go on — a listener's refusal is answered here, by this thread, after any
 * delay the refusal asks for — then feeds socket reads to the engine, pausing while the {@link ReceiveWindow} is
 * full. On a listener it hands the engine the client's frames unmasked ({@link FrameUnmasker}: the engine's own
 * unmasking goes byte by byte), stops at the first unmasked client frame and closes with 1002. Anything thrown, {@link Error}s included, ends this connection only. Not thread-safe: one per connection,
 * run once.
 */
public final class WsReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WsReader.class);

    private final WsConnection c;

    WsReader(WsConnection connection) {
        this.c = connection;
    }


    /** The reader thread: connect (client), read the head, then frames until the connection ends. */
    @Override
    public void run() {
        try {
            if (c.client) {
                connect();
            }
            c.io = c.layer.wrap(c.socket, c.host, c.port); // the TLS handshake for wss
            if (c.client) {
                c.startWriter();
                c.engine.startHandshake(c.request);
            }
            InputStream in = c.io.getInputStream();
            byte[] head = new byte[Tuning.MAX_HTTP_HEAD];
            int length = readHead(in, head);
            if (length < 0) {
                return;
            }
            int end = HttpHead.endOf(head, 0, length);
            ConnectionListener.Stop stop = end < 0 ? headTooLarge() : c.listener.onHead(head, end);
            if (stop != null && stop.respond() != null) {
                byte[] body = readBody(in, head, end, length, stop.bodyLength());
                if (body == null) {
                    return;
                }
                stop = stop.respond().apply(body);
            }
            if (stop != null) {
                stopAfterHead(stop, in);
                return;
            }
            c.engine.decode(headAndFirstFrames(head, end, length));
            if (!c.client && c.state() == WsConnection.State.HANDSHAKING) {
                // The engine refused a request our policy let through: nothing useful to answer, end now.
                c.fail(CloseMapping.badHttp("upgrade c.request refused by the WebSocket c.engine"));
                return;
            }
            if (!c.client && c.unmasker.foundUnmasked()) {
                unmaskedFrame();
            }
            if (c.client && c.state() == WsConnection.State.HANDSHAKING) {
                // The draft refused the server's 101 (bad accept key, subprotocol): nothing to flush, end now.
                // (Not !engine.isOpen(): a close started by the listener or a close frame behind the 101 makes
                // that true of an opened engine too, and ending here would drop the close handshake.)
                if (c.engine.isFlushAndClose()) {
                    c.engine.closeConnection();
                } else {
                    c.fail(CloseMapping.badHttp("incomplete upgrade response"));
                }
                return;
            }
            readFrames(in);
        } catch (IOException e) {
            readFailed(e);
        } catch (InvalidHandshakeException e) {
            c.fail(CloseMapping.engineClose(CloseFrame.NEVER_CONNECTED, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.abort();
        } catch (C4Exception e) {
            c.fail(e);
        } catch (RuntimeException | Error e) {
            // An Error (e.g. OutOfMemoryError) ends this connection only; the listener and the others go on.
            LOG.error("WebSocket reader failed unexpectedly", e);
            c.fail(CloseMapping.unexpected(e));
        }
    }

    private void connect() throws IOException {
        ProxySpec via = c.proxy;
        InetAddress remote = InetAddress.getByName(via == null ? c.host : via.host());
        if (c.networkInterface != null) {
            c.socket.bind(new InetSocketAddress(NetworkInterfaces.resolve(c.networkInterface, remote), 0));
        }
        c.socket.connect(new InetSocketAddress(remote, via == null ? c.port : via.port()),
                (int) Tuning.HANDSHAKE_TIMEOUT.toMillis());
        if (via != null) {
            c.socket.setSoTimeout((int) Tuning.HANDSHAKE_TIMEOUT.toMillis());
            ProxyTunnel.open(c.socket, via, c.host, c.port); // the proxy resolves the target's name
            c.socket.setSoTimeout(0); // from here the upgrade deadline bounds the handshake
        }
        if (!c.moveTo(WsConnection.State.HANDSHAKING)) {
            throw new IOException("connection closed while connecting");
        }
    }

    /**
     * Reads until the HTTP head is complete or {@code buf} is full (the upgrade timer bounds the total time);
     * returns the number of bytes read (the head and anything after it), or -1 after failing the connection.
     */
    private int readHead(InputStream in, byte[] buf) throws IOException {
        c.socket.setTcpNoDelay(true);
        int length = 0;
        int end = -1;
        while (end < 0 && length < buf.length) {
            int n = in.read(buf, length, buf.length - length);
            if (n < 0) {
                c.fail(CloseMapping.closedDuringHandshake());
                return -1;
            }
            end = HttpHead.endOf(buf, length, length + n);
            length += n;
        }
        c.cancelUpgradeTimer();
        return length;
    }

    /**
     * A plain request's body (listener): the bytes read past the head, then the rest, all within
     * {@link Tuning#HANDSHAKE_TIMEOUT} in total; null after failing the connection (timeout or hang-up).
     */
    private byte[] readBody(InputStream in, byte[] head, int end, int length, int bodyLength) throws IOException {
        byte[] body = new byte[bodyLength];
        int have = Math.min(length - end, bodyLength);
        System.arraycopy(head, end, body, 0, have);
        long deadline = System.nanoTime() + Tuning.HANDSHAKE_TIMEOUT.toNanos();
        try {
            while (have < bodyLength) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new java.net.SocketTimeoutException();
                }
                c.socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                int n = in.read(body, have, bodyLength - have);
                if (n < 0) {
                    c.fail(CloseMapping.closedDuringHandshake());
                    return null;
                }
                have += n;
            }
        } catch (java.net.SocketTimeoutException e) {
            c.fail(CloseMapping.timeout("reading a request body"));
            return null;
        } finally {
            c.socket.setSoTimeout(0);
        }
        return body;
    }

    /** The peer's head filled the whole buffer: a server answers 431, a client fails. */
    private ConnectionListener.Stop headTooLarge() {
        String what = "HTTP head longer than " + Tuning.MAX_HTTP_HEAD + " bytes";
        LOG.info("refusing the connection from {}: {}", c.remoteAddress(), what);
        byte[] response = c.client ? null : Rejection.of(WsWire.HTTP_HEADER_TOO_LARGE, what).toBytes();
        return new ConnectionListener.Stop(response, CloseMapping.badHttp(what));
    }

    /**
     * A server's refusal: after {@code stop.delay()} the reader writes the response itself (no writer thread
     * was started), shuts output and discards what the client still sends until it hangs up or the close timer
     * drops it.
     */
    private void stopAfterHead(ConnectionListener.Stop stop, InputStream in) throws IOException,
            InterruptedException {
        if (stop.response() == null || !c.moveTo(WsConnection.State.CLOSING)) {
            c.fail(stop.error());
            return;
        }
        c.markRefusing();
        if (!stop.delay().isZero() && c.ended.await(stop.delay().toNanos(), TimeUnit.NANOSECONDS)) {
            return; // ended (e.g. the listener stopped) while holding back the answer
        }
        c.armCloseTimer();
        OutputStream out = c.io.getOutputStream();
        out.write(stop.response());
        out.flush();
        c.io.shutdownOutput();
        byte[] sink = new byte[Tuning.READ_BUFFER];
        while (in.read(sink) >= 0) {
            // The request was refused: discard whatever the client still sends until it hangs up.
        }
        c.fail(stop.error());
    }

    private void readFrames(InputStream in) throws IOException, InterruptedException {
        byte[] buf = new byte[Tuning.READ_BUFFER];
        byte[] unmasked = c.client ? null : new byte[Tuning.READ_BUFFER + FrameUnmasker.MAX_HEADER];
        while (true) {
            c.window.awaitRoom();
            if (c.state() == WsConnection.State.CLOSED) {
                return;
            }
            int n = in.read(buf);
            if (n < 0) {
                c.engine.eot();
                return;
            }
            if (n > 0 && c.client) {
                c.engine.decode(ByteBuffer.wrap(buf, 0, n));
            } else if (n > 0) {
                int usable = c.unmasker.unmask(buf, 0, n, unmasked, 0);
                if (usable > 0) {
                    c.engine.decode(ByteBuffer.wrap(unmasked, 0, usable));
                }
                if (c.unmasker.foundUnmasked()) {
                    unmaskedFrame();
                }
            }
        }
    }

    /**
     * What the engine decodes first: the HTTP head ({@code buf[0, end)}) and whatever followed it up to
     * {@code length} — on a listener, those frames unmasked.
     */
    private ByteBuffer headAndFirstFrames(byte[] buf, int end, int length) {
        if (c.client) {
            return ByteBuffer.wrap(buf, 0, length);
        }
        byte[] out = new byte[length + FrameUnmasker.MAX_HEADER];
        System.arraycopy(buf, 0, out, 0, end);
        return ByteBuffer.wrap(out, 0, end + c.unmasker.unmask(buf, end, length, out, end));
    }

    /** RFC 6455 §5.1: a server closes on an unmasked client frame, with 1002; nothing from it on is decoded. */
    private void unmaskedFrame() {
        LOG.info("closing the WebSocket connection with {}: unmasked c.client frame", c.remoteAddress());
        c.engine.close(CloseFrame.PROTOCOL_ERROR, "c.client frames must be masked");
    }

    private void readFailed(IOException e) {
        WsConnection.State s = c.state();
        if (s == WsConnection.State.CLOSED) {
            return; // we closed the socket ourselves
        }
        if (s == WsConnection.State.CLOSING && c.engine.isFlushAndClose()) {
            c.engine.eot(); // the peer hung up hard while we were closing: the close still counts
            return;
        }
        c.fail(CloseMapping.io(e));
    }
}
