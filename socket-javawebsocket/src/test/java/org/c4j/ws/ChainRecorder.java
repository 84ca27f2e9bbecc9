package org.c4j.ws;

import java.security.cert.X509Certificate;
import java.util.List;

import org.c4j.socket.C4Socket;
import org.c4j.socket.testkit.ForwardingDelegate;
import org.c4j.socket.testkit.RecordingDelegate;

/**
 * Forwards every event to a {@link RecordingDelegate} and also keeps {@code gotPeerCertificates}: the chain, and
 * whether it came before every other event.
 */
public final class ChainRecorder extends ForwardingDelegate {
    final RecordingDelegate recorder;
    final C4Socket socket;
    private volatile List<X509Certificate> chain;
    private volatile boolean first;
    private volatile int chains;

    ChainRecorder(C4Socket socket, RecordingDelegate recorder) {
        super(recorder);
        this.socket = socket;
        this.recorder = recorder;
    }

    List<X509Certificate> chain() {
        return chain;
    }

    /** The chain arrived once, before any other event. */
    boolean chainCameFirst() {
        return first && chains == 1;
    }

    @Override
    public void gotPeerCertificates(List<X509Certificate> c) {
        first = recorder.events().isEmpty();
        chains++;
        chain = c;
    }
}
