package org.c4j.accounts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.c4j.accounts.internal.AdminRoutes;
import org.c4j.accounts.internal.Paths;
import org.c4j.accounts.internal.Reply;
import org.c4j.accounts.internal.Tuning;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync Gateway's admin REST API for users, roles and sessions (see {@code AdminRoutes} for the paths), on the JDK's
 * {@code com.sun.net.httpserver}, bound to 127.0.0.1 unless told otherwise: the admin API has no authentication of
 * its own, so only local processes should reach it (as Sync Gateway's port 4985 by default).
 *
 * <p>Bodies are bounded ({@value org.c4j.accounts.internal.Tuning#MAX_ADMIN_BODY_BYTES} bytes, else 413 unread);
 * bad input is answered with a 4xx and a JSON reason and changes nothing; only a bug gives 500.
 *
 * <p><b>Threading:</b> thread-safe; requests run on {@link Tuning#ADMIN_THREADS} daemon threads of its own.
 * <b>State:</b> {@link State#RUNNING} from {@link #start} until {@link #close} ({@link State#STOPPED}).
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Lifecycle of the server; transitions only in {@link #moveTo}. */
    public enum State {
        RUNNING, STOPPED;

        boolean canMoveTo(State next) {
            return this == RUNNING && next == STOPPED;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AdminRoutes routes;
    private volatile State state = State.RUNNING;

    private AdminServer(HttpServer server, ExecutorService executor, AdminRoutes routes) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
    }

    /** Starts on 127.0.0.1:{@code port} (0 picks a free port). */
    public static AdminServer startLoopback(int port, Function<String, AccountStore> stores) {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), stores);
    }

    /**
     * Starts on {@code address}.
     *
     * @param stores the account store of a database name, or null if it is not served (404)
     * @throws C4Exception {@link ErrorDomain#POSIX} if the address cannot be bound
     */
    public static AdminServer start(InetSocketAddress address, Function<String, AccountStore> stores) {
        Objects.requireNonNull(stores, "stores");
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new C4Exception(ErrorDomain.POSIX, ErrorCodes.Posix.EADDRINUSE,
                    "cannot bind the admin API to " + address + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(Tuning.ADMIN_THREADS, r -> {
            Thread t = new Thread(r, "c4j-admin-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AdminServer admin = new AdminServer(server, executor, new AdminRoutes(stores));
        server.setExecutor(executor);
        server.createContext("/", admin::handle);
        server.start();
        LOG.info("admin API listening on {}", admin.url());
        return admin;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:4985/}. */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    public State state() {
        return state;
    }

    private void handle(HttpExchange ex) throws IOException {
        Reply reply;
        try {
            reply = answer(ex);
        } catch (RuntimeException e) {
            LOG.error("admin API bug on {} {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e);
            reply = Reply.error(500, "internal error");
        }
        send(ex, reply);
    }

    private Reply answer(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        List<String> segments = Paths.segments(ex.getRequestURI().getRawPath());
        if (segments == null) {
            return Reply.error(400, "malformed path");
        }
        byte[] body;
        try {
            body = readBody(ex);
        } catch (TooLarge e) {
            return Reply.error(413, "the request body is larger than " + Tuning.MAX_ADMIN_BODY_BYTES + " bytes");
        }
        Reply r = routes.route(method, segments, body);
        LOG.debug("admin {} {} -> {}", method, ex.getRequestURI().getRawPath(), r.status());
        return r;
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                // the server itself refuses a malformed length; fall through to the bounded read
            }
        }
        InputStream in = ex.getRequestBody();
        if (declared > Tuning.MAX_ADMIN_DRAIN_BYTES) {
            throw new TooLarge();
        }
        byte[] body = in.readNBytes(Tuning.MAX_ADMIN_BODY_BYTES + 1);
        if (body.length > Tuning.MAX_ADMIN_BODY_BYTES) {
            // read, not skip: the JDK server's body stream lets skip() run past the end of the body
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            int n;
            while (drained < Tuning.MAX_ADMIN_DRAIN_BYTES && (n = in.read(sink)) > 0) {
                drained += n;
            }
            throw new TooLarge();
        }
        return body;
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        byte[] body = reply.bodyBytes();
        for (Map.Entry<String, List<String>> h : reply.headers().entrySet()) {
            for (String v : h.getValue()) {
                ex.getResponseHeaders().add(h.getKey(), v);
            }
        }
        if (body.length > 0) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
        }
        if (reply.status() == 413) {
            // the rest of the body is not read: make the server close the connection instead of draining it
            ex.getResponseHeaders().set("Connection", "close");
        }
        ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    /** Stops listening and ends the threads; waits up to a second for exchanges in progress. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            moveTo(State.STOPPED);
        }
        server.stop(Tuning.ADMIN_STOP_SECONDS);
        executor.shutdownNow();
        LOG.info("admin API stopped");
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null);
        }
    }

    /** Caller holds this. */
    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("AdminServer: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
