package org.c4j.examples.tcp;

import java.net.InetAddress;
import org.c4j.socket.testkit.TransportConformanceSuite;
import org.c4j.socket.testkit.TransportHarness;
import org.c4j.socket.testkit.TransportTraits;

/**
 * The whole conformance suite against the example TCP transport, in one class: a harness over the factory and
 * the listener, and the transport's promises (HTTP upgrade, headers, auth headers, a 256 KiB receive window).
 */
class TcpConformanceTest extends TransportConformanceSuite {
    @Override
    protected TransportHarness createHarness() {
        return TransportHarness.of(new TcpSocketFactory(),
                new TcpListenerTransport(InetAddress.getLoopbackAddress(), 0),
                TransportTraits.http("ws", TcpTuning.RECEIVE_WINDOW));
    }
}
