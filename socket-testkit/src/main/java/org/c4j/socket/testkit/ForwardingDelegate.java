package org.c4j.socket.testkit;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.c4j.socket.C4Exception;
import org.c4j.socket.SocketDelegate;

/**
 * A {@link SocketDelegate} that passes every event to another delegate unchanged, the TLS peer chain included:
 * subclass it and override the events you observe (see {@link ForwardingSocket#wrap}). Called as the socket calls
 * its delegate (serially, never concurrently); holds no state of its own.
 */
public class ForwardingDelegate implements SocketDelegate {
    /** The delegate every event goes to. */
    protected final SocketDelegate delegate;

    public ForwardingDelegate(SocketDelegate delegate) {
        this.delegate = delegate;
    }

    @Override
    public void opened() {
        delegate.opened();
    }

    @Override
    public void gotPeerCertificates(List<X509Certificate> chain) {
        delegate.gotPeerCertificates(chain);
    }

    @Override
    public void gotHttpResponse(int status, Map<String, List<String>> headers) {
        delegate.gotHttpResponse(status, headers);
    }

    @Override
    public void received(ByteBuffer data) {
        delegate.received(data);
    }

    @Override
    public void closeRequested(int code, String reason) {
        delegate.closeRequested(code, reason);
    }

    @Override
    public void completedWrite(long byteCount) {
        delegate.completedWrite(byteCount);
    }

    @Override
    public void closed(C4Exception error) {
        delegate.closed(error);
    }
}
