package org.c4j.socket.testkit.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketAcceptor;
import org.c4j.socket.testkit.TransportHarness;
import org.c4j.socket.testkit.TransportTraits;

/** {@link TransportHarness#withBaseOptions}: adds base options under each connection's own. Thread-safe. */
public final class BaseOptionsHarness implements TransportHarness {
    private final TransportHarness inner;
    private final OptionsDict base;

    public BaseOptionsHarness(TransportHarness inner, OptionsDict base) {
        this.inner = Objects.requireNonNull(inner, "harness");
        this.base = Objects.requireNonNull(base, "base");
    }

    @Override
    public TransportTraits traits() {
        return inner.traits();
    }

    @Override
    public void start(SocketAcceptor acceptor) {
        inner.start(acceptor);
    }

    @Override
    public C4Socket connect(String database, OptionsDict options) {
        return inner.connect(database, merged(options));
    }

    @Override
    public C4Socket connectRefused(OptionsDict options) {
        return inner.connectRefused(merged(options));
    }

    @Override
    public void dropLink(C4Socket client, C4Socket server) {
        inner.dropLink(client, server);
    }

    @Override
    public void close() {
        inner.close();
    }

    private OptionsDict merged(OptionsDict options) {
        Map<String, Object> all = new HashMap<>(base.toMap());
        if (options != null) {
            all.putAll(options.toMap());
        }
        return OptionsDict.of(all);
    }

    @Override
    public String toString() {
        return inner + " with base options " + base.keys();
    }
}
