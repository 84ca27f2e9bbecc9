package org.c4j.socket.testkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.Principal;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.SocketFactory;
import org.c4j.socket.testkit.internal.RequestHeaders;

/**
 * A {@link SocketFactory} whose connections end in this JVM: each {@link #create} makes a new
 * {@link LoopbackPair} and returns its client side; when that client connects (its {@code open} plus one round
 * trip and any {@code openDelay}, before it sees its 101 response) the server side is handed, unopened, to the
 * {@link SocketAcceptor} with an {@link IncomingRequest}. So a replicator can run against a passive peer without a
 * network. A refused connection ({@link LoopbackConfig.Builder#refuseOpen}) never reaches the acceptor, nor does
 * a client that is never opened. If the acceptor does not {@link SocketAcceptor#servesDatabase serve} the
 * database, the client gets {@code gotHttpResponse(404)} and {@code closed(WEBSOCKET 404)} instead, like a real
 * listener answering before the upgrade. An acceptor that throws resets the connection (the client gets
 * {@code closed(NETWORK CONNECTION_RESET)}).
 *
 * <p>The request carries the URI's path, the database name (the path's first segment: {@code db} for
 * {@code ws://host/db/_blipsync}), the subprotocol (the first entry of the {@code WS-Protocols} option, else
 * {@value #DEFAULT_SUBPROTOCOL}) also echoed in the client's 101 response, no remote address and no user, and
 * the headers a real client transport would send: {@code Sec-WebSocket-Protocol}, the {@code headers} option's
 * entries, and the authentication the {@code auth} option asks for ({@code Authorization: Basic}/{@code Bearer}
 * or the session cookie, merged with the {@code cookies} option into one {@code Cookie} header), so
 * {@link ConformanceRule#HEADERS_SENT} and {@link ConformanceRule#AUTH_HEADERS_BUILT} hold.
 *
 * <p><b>Threading:</b> thread-safe. The acceptor is called on a scheduler thread, never under a lock.
 *
 * <p><b>Contract rules:</b> an unserved database gets 404 then {@code closed(error)}
 * ({@link ConformanceRule#FAILED_OPEN_FAILS}); a refused open only {@code closed(error)}
 * ({@link ConformanceRule#REFUSED_OPEN_FAILS}).
 */
public final class LoopbackSocketFactory implements SocketFactory {
    /** The Couchbase Mobile 3 replication subprotocol, used when the options name none. */
    public static final String DEFAULT_SUBPROTOCOL = "BLIP_3+CBMobile_3";

    private final LoopbackConfig config;
    private final SocketAcceptor acceptor;
    private final List<LoopbackPair> pairs = new ArrayList<>(); // guarded by this

    /** A factory making pairs with {@link LoopbackConfig#defaults()}. */
    public LoopbackSocketFactory(SocketAcceptor acceptor) {
        this(LoopbackConfig.defaults(), acceptor);
    }

    /** A factory making pairs with {@code config} (its subprotocol replaced by the negotiated one). */
    public LoopbackSocketFactory(LoopbackConfig config, SocketAcceptor acceptor) {
        this.config = Objects.requireNonNull(config, "config");
        this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
    }

    /**
     * @throws C4Exception {@link ErrorDomain#NETWORK} {@link ErrorCodes.Network#INVALID_URL} if the address has
     *                     no path with a database name
     */
    @Override
    public C4Socket create(URI address, OptionsDict options) {
        Objects.requireNonNull(address, "address");
        String path = address.getPath();
        String database = path == null ? "" : firstSegment(path);
        if (database.isEmpty()) {
            throw new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.INVALID_URL,
                    "no database name in the path of " + address);
        }
        String subprotocol = subprotocol(options);
        Map<String, List<String>> headers = RequestHeaders.of(options);
        headers.put("Sec-WebSocket-Protocol", List.of(subprotocol));
        IncomingRequest request = new IncomingRequest(path, database, subprotocol, headers, null,
                Principal.ANONYMOUS);
        LoopbackPair pair = LoopbackPair.create(config.toBuilder().subprotocol(subprotocol).build(), server -> {
            if (!acceptor.servesDatabase(database)) {
                return false;
            }
            acceptor.accept(server, request);
            return true;
        });
        synchronized (this) {
            pairs.add(pair);
        }
        return pair.client();
    }

    /** Every pair made so far, oldest first: for faults ({@link LoopbackPair#disconnect()}) and counters. */
    public synchronized List<LoopbackPair> pairs() {
        return List.copyOf(pairs);
    }

    /** The most recent pair; {@link IllegalStateException} if none was made yet. */
    public synchronized LoopbackPair lastPair() {
        if (pairs.isEmpty()) {
            throw new IllegalStateException("no connection was created yet");
        }
        return pairs.get(pairs.size() - 1);
    }

    private static String firstSegment(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }

    /** The first protocol the client offers: {@code WS-Protocols} is a comma-separated string (or a list). */
    private static String subprotocol(OptionsDict options) {
        Object offered = options == null ? null : options.get(OptionKeys.WS_PROTOCOLS);
        String first = null;
        if (offered instanceof String s) {
            first = s.split(",", 2)[0].trim();
        } else if (offered instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String s) {
            first = s.trim();
        }
        return first == null || first.isEmpty() ? DEFAULT_SUBPROTOCOL : first;
    }
}
