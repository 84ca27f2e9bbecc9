package org.c4j.socket.testkit;

import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketAcceptor;

/**
 * A loopback transport broken in one rule: every socket (client and accepted) is a {@link BrokenSocket}, and for
 * the header rules the factory drops the option it should have turned into headers.
 */
final class BrokenHarness implements TransportHarness {
    private final TransportHarness good;
    private final ConformanceRule broken;

    BrokenHarness(TransportHarness good, ConformanceRule broken) {
        this.good = good;
        this.broken = broken;
    }

    @Override
    public TransportTraits traits() {
        return good.traits();
    }

    @Override
    public void start(SocketAcceptor acceptor) {
        good.start(new SocketAcceptor() {
            @Override
            public void accept(C4Socket socket, org.c4j.socket.IncomingRequest request) {
                acceptor.accept(new BrokenSocket(socket, broken, false), request);
            }

            @Override
            public boolean servesDatabase(String database) {
                return acceptor.servesDatabase(database);
            }
        });
    }

    @Override
    public C4Socket connect(String database, OptionsDict options) {
        OptionsDict bent = options;
        if (broken == ConformanceRule.HEADERS_SENT) {
            bent = options.toBuilder().remove(OptionKeys.HEADERS).build();
        } else if (broken == ConformanceRule.AUTH_HEADERS_BUILT) {
            bent = options.toBuilder().remove(OptionKeys.AUTH).build();
        }
        return new BrokenSocket(good.connect(database, bent), broken, false);
    }

    @Override
    public C4Socket connectRefused(OptionsDict options) {
        return new BrokenSocket(good.connectRefused(options), broken, true);
    }

    @Override
    public void dropLink(C4Socket client, C4Socket server) {
        good.dropLink(((BrokenSocket) client).inner(), ((BrokenSocket) server).inner());
    }

    @Override
    public void close() {
        good.close();
    }

    @Override
    public String toString() {
        return "loopback broken in " + broken;
    }
}
