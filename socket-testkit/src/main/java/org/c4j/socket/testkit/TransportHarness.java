package org.c4j.socket.testkit;

import org.c4j.socket.C4Socket;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.SocketFactory;
import org.c4j.socket.testkit.internal.BaseOptionsHarness;
import org.c4j.socket.testkit.internal.LoopbackHarness;
import org.c4j.socket.testkit.internal.NetworkHarness;

/**
 * A transport under test, as the conformance suite drives it: a way to serve (incoming sockets go to an acceptor)
 * and a way to connect (client sockets from a factory). Most transports need no code of their own here:
 * {@link #of(SocketFactory, ListenerTransport, TransportTraits)} wraps a factory and a listener transport, and
 * {@link #loopback(LoopbackConfig)} the in-memory pair.
 *
 * <p>Contract: {@link #start} is called once, before anything else; sockets returned are unopened; {@link #close}
 * stops serving and is idempotent. <b>Threading:</b> implementations are thread-safe.
 */
public interface TransportHarness extends AutoCloseable {

    /** What the transport promises (which rules apply, window and size limits). */
    TransportTraits traits();

    /** Starts serving: every accepted connection goes to {@code acceptor}. */
    void start(SocketAcceptor acceptor);

    /** An unopened client socket for {@code database} on the started listener, made with {@code options}. */
    C4Socket connect(String database, OptionsDict options);

    /** An unopened client socket whose connection attempt is refused: nothing listens at its address. */
    C4Socket connectRefused(OptionsDict options);

    /**
     * Makes the link between an open {@code client} and its accepted {@code server} vanish abruptly, as a reset
     * or a dropped link would; the default aborts the server side ({@link C4Socket#close()}).
     */
    default void dropLink(C4Socket client, C4Socket server) {
        server.close();
    }

    /** Stops serving and frees what the harness holds. Idempotent. */
    @Override
    void close();

    /**
     * A harness over a real transport: clients connect to {@code <scheme>://127.0.0.1:<port>/<db>/_blipsync} of
     * {@code listener} (started by {@link #start}, stopped by {@link #close}); refused connections go to a free
     * loopback port nothing listens on.
     */
    static TransportHarness of(SocketFactory factory, ListenerTransport listener, TransportTraits traits) {
        return new NetworkHarness(factory, listener, traits);
    }

    /**
     * {@code harness} with {@code base} options under every connection's own (the connection's win on the same key):
     * for what every client of the transport under test needs, e.g. a {@code pinnedCert} for a TLS listener.
     */
    static TransportHarness withBaseOptions(TransportHarness harness, OptionsDict base) {
        return new BaseOptionsHarness(harness, base);
    }

    /**
     * A harness over {@link LoopbackSocketFactory} with {@code config}: refused connections use
     * {@link LoopbackConfig.Builder#refuseOpen}, {@link #dropLink} is {@link LoopbackPair#disconnect()}.
     */
    static TransportHarness loopback(LoopbackConfig config) {
        return new LoopbackHarness(config);
    }
}
