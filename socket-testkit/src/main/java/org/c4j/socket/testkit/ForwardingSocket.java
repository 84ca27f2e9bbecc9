package org.c4j.socket.testkit;

import java.nio.ByteBuffer;

import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.SocketDelegate;

/**
 * A {@link C4Socket} that passes every call to another socket unchanged: subclass it and override what you want to
 * observe or alter (a byte counter overrides {@link #write}, an observer of events overrides {@link #wrap} to put a
 * {@link ForwardingDelegate} in front of the engine's delegate). Thread-safe as the wrapped socket is; buffers are
 * passed on, not copied, so ownership is the wrapped socket's rule.
 */
public class ForwardingSocket implements C4Socket {
    /** The socket every call goes to. */
    protected final C4Socket socket;

    public ForwardingSocket(C4Socket socket) {
        this.socket = socket;
    }

    /**
     * The delegate the wrapped socket reports to, given the one the engine opened this socket with; the default is
     * that one itself.
     */
    protected SocketDelegate wrap(SocketDelegate delegate) {
        return delegate;
    }

    @Override
    public Framing framing() {
        return socket.framing();
    }

    @Override
    public void open(SocketDelegate delegate) {
        socket.open(wrap(delegate));
    }

    @Override
    public void write(ByteBuffer data) {
        socket.write(data);
    }

    @Override
    public long unsentBytes() {
        return socket.unsentBytes();
    }

    @Override
    public void completedReceive(long byteCount) {
        socket.completedReceive(byteCount);
    }

    @Override
    public void requestClose(int code, String reason) {
        socket.requestClose(code, reason);
    }

    @Override
    public void close() {
        socket.close();
    }
}
