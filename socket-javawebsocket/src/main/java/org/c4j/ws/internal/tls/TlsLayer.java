package org.c4j.ws.internal.tls;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

import org.c4j.ws.internal.SocketLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS {@link SocketLayer}: layers a JSSE {@link SSLSocket} on the TCP socket and runs the whole handshake
 * at once, under a total deadline — when it passes, the TCP socket is closed under the handshake, which then
 * fails with a timeout. Only the protocols of {@link TlsTuning#PROTOCOLS} are enabled. On a listener, client
 * certificates are required if {@code needClientAuth}. On a client, the server's chain (already accepted by the
 * context's trust manager) goes to {@code onPeerChain} before the HTTP upgrade starts.
 *
 * <p>Immutable; thread-safe: one layer serves every connection of a listener or every attempt of a socket.
 */
public final class TlsLayer implements SocketLayer {
    private static final Logger LOG = LoggerFactory.getLogger(TlsLayer.class);

    private final SSLContext context;
    private final boolean client;
    private final boolean needClientAuth;
    private final Duration deadline;
    private final ScheduledExecutorService timers;
    private final Consumer<List<X509Certificate>> onPeerChain;

    private TlsLayer(SSLContext context, boolean client, boolean needClientAuth, Duration deadline,
                     ScheduledExecutorService timers, Consumer<List<X509Certificate>> onPeerChain) {
        this.context = context;
        this.client = client;
        this.needClientAuth = needClientAuth;
        this.deadline = deadline;
        this.timers = timers;
        this.onPeerChain = onPeerChain;
    }

    /** A listener's layer. */
    public static TlsLayer server(SSLContext context, boolean needClientAuth, Duration deadline,
                                  ScheduledExecutorService timers) {
        return new TlsLayer(context, false, needClientAuth, deadline, timers, null);
    }

    /** A client's layer; {@code onPeerChain} may be null. */
    public static TlsLayer client(SSLContext context, Duration deadline, ScheduledExecutorService timers,
                                  Consumer<List<X509Certificate>> onPeerChain) {
        return new TlsLayer(context, true, false, deadline, timers, onPeerChain);
    }

    @Override
    public Socket wrap(Socket tcp, String host, int port) throws IOException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> timer = timers.schedule(() -> {
            expired.set(true);
            closeQuietly(tcp);
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            // A listener layers without autoClose, so a failed handshake leaves the TCP socket open for linger().
            SSLSocket ssl = client
                    ? (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true)
                    : (SSLSocket) context.getSocketFactory().createSocket(tcp, null, false);
            ssl.setUseClientMode(client);
            SSLParameters params = ssl.getSSLParameters();
            params.setProtocols(TlsTuning.PROTOCOLS.toArray(String[]::new));
            if (!client) {
                params.setNeedClientAuth(needClientAuth);
            }
            ssl.setSSLParameters(params);
            tcp.setTcpNoDelay(true); // handshake flights are small: no Nagle delay between them
            tcp.setSoTimeout((int) Math.max(1, deadline.toMillis()));
            ssl.startHandshake();
            tcp.setSoTimeout(0);
            if (client && onPeerChain != null) {
                onPeerChain.accept(peerChain(ssl));
            }
            return ssl;
        } catch (IOException e) {
            if (expired.get()) {
                SocketTimeoutException t = new SocketTimeoutException(
                        "TLS handshake not finished within " + deadline.toMillis() + " ms");
                t.initCause(e);
                throw t;
            }
            LOG.debug("TLS handshake failed: {}", e.toString());
            if (!client) {
                linger(tcp);
            }
            throw e;
        } finally {
            timer.cancel(false);
        }
    }

    /**
     * After a refused handshake (the alert is sent): end our output and read what the client still sends
     * (its Finished, its HTTP request) for a moment before the socket is closed. Closing a socket with unread
     * input makes the kernel send a reset, which can reach the client before it has read our alert — it would
     * then report a reset instead of why it was refused (with TLS 1.3 a client learns about a refused certificate
     * only after its own handshake completed).
     */
    private static void linger(Socket tcp) {
        try {
            tcp.shutdownOutput();
            tcp.setSoTimeout((int) TlsTuning.REFUSAL_LINGER.toMillis());
            byte[] sink = new byte[4096];
            long left = TlsTuning.REFUSAL_LINGER_BYTES;
            int n;
            while (left > 0 && (n = tcp.getInputStream().read(sink)) >= 0) {
                left -= n;
            }
        } catch (IOException e) {
            LOG.trace("linger after a refused TLS handshake ended: {}", e.toString());
        }
    }

    private static List<X509Certificate> peerChain(SSLSocket ssl) {
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

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("closing a stalled TLS connection: {}", e.toString());
        }
    }
}
