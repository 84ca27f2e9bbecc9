package org.c4j.blip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.c4j.socket.C4Socket;
import org.c4j.socket.Framing;
import org.c4j.socket.SocketDelegate;

/** A C4Socket that records what the engine does to it; the test plays the transport through {@link #delegate}. */
public final class FakeSocket implements C4Socket {
    public SocketDelegate delegate;
    public final List<ByteBuffer> written = new ArrayList<>();
    public long completedReceive;
    public int closeCode = -1;
    public String closeReason;
    public boolean hardClosed;
    /** What {@link #unsentBytes} reports: -1 (not known) unless a test plays a transport's send queue. */
    public volatile long unsent = -1;

    @Override
    public Framing framing() {
        return Framing.MESSAGES;
    }

    @Override
    public synchronized void open(SocketDelegate d) {
        if (delegate != null) {
            throw new IllegalStateException("opened twice");
        }
        delegate = d;
    }

    @Override
    public synchronized void write(ByteBuffer data) {
        written.add(data);
    }

    @Override
    public long unsentBytes() {
        return unsent;
    }

    @Override
    public synchronized void completedReceive(long byteCount) {
        completedReceive += byteCount;
    }

    @Override
    public synchronized void requestClose(int code, String reason) {
        if (closeCode < 0) {
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public synchronized void close() {
        hardClosed = true;
    }

    /** Takes the frames written so far. */
    public synchronized List<ByteBuffer> takeWritten() {
        List<ByteBuffer> out = new ArrayList<>(written);
        written.clear();
        return out;
    }
}
