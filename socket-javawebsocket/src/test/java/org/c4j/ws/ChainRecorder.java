package org.c4j.ws;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.testkit.RecordingDelegate;

/**
 * Forwards every event to a {@link RecordingDelegate} and also keeps {@code gotPeerCertificates}: the chain, and
 * whether it came before every other event.
 */
public final class ChainRecorder implements SocketDelegate {
    final RecordingDelegate recorder;
    final C4Socket socket;
    private volatile List<X509Certificate> chain;
    private volatile boolean first;
    private volatile int chains;

    ChainRecorder(C4Socket socket, RecordingDelegate recorder) {
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

    @Override
    public void opened() {
        recorder.opened();
    }

    @Override
    public void gotHttpResponse(int status, Map<String, List<String>> headers) {
        recorder.gotHttpResponse(status, headers);
    }

    @Override
    public void received(ByteBuffer data) {
        recorder.received(data);
    }

    @Override
    public void closeRequested(int code, String reason) {
        recorder.closeRequested(code, reason);
    }

    @Override
    public void completedWrite(long byteCount) {
        recorder.completedWrite(byteCount);
    }

    @Override
    public void closed(C4Exception error) {
        recorder.closed(error);
    }
}
