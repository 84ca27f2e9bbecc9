package org.c4j.interop;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.c4j.socket.C4Socket;
import org.c4j.socket.IncomingRequest;
import org.c4j.socket.ListenerTransport;
import org.c4j.socket.SocketDelegate;
import org.c4j.socket.testkit.ForwardingDelegate;
import org.c4j.socket.testkit.ForwardingListenerTransport;
import org.c4j.socket.testkit.ForwardingSocket;

/**
 * A listener transport that records, for every BLIP frame its connections receive and write, the time, the
 * direction, the message number, the frame flags and the size (a diagnostic of the exchange's timeline; nothing is
 * logged while it runs: the records go into preallocated arrays, {@link #dump} writes them out). Thread-safe.
 */
final class FrameTraceTransport extends ForwardingListenerTransport {
    private final int capacity;
    private final long[] times;
    private final long[] numbers;
    private final int[] flagsAndSize;
    private final AtomicInteger next = new AtomicInteger();

    FrameTraceTransport(ListenerTransport inner, int capacity) {
        super(inner);
        this.capacity = capacity;
        this.times = new long[capacity];
        this.numbers = new long[capacity];
        this.flagsAndSize = new int[capacity];
    }

    @Override
    protected C4Socket wrap(C4Socket socket, IncomingRequest request) {
        return new ForwardingSocket(socket) {
            @Override
            protected SocketDelegate wrap(SocketDelegate delegate) {
                return new ForwardingDelegate(delegate) {
                    @Override
                    public void received(ByteBuffer data) {
                        record(0, data);
                        super.received(data);
                    }
                };
            }

            @Override
            public void write(ByteBuffer data) {
                record(1, data);
                super.write(data);
            }
        };
    }

    private void record(int direction, ByteBuffer frame) {
        long t = System.nanoTime();
        int i = next.getAndIncrement();
        if (i >= capacity) {
            return;
        }
        int p = frame.position();
        long number = 0;
        int shift = 0;
        int b;
        do {
            b = frame.get(p++) & 0xff;
            number |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && p < frame.limit());
        int flags = frame.get(p) & 0x7f;
        times[i] = t;
        numbers[i] = number;
        flagsAndSize[i] = direction << 31 | flags << 24 | Math.min(frame.remaining(), 0xffffff);
    }

    /** Writes one line per frame: nanos, in|out, message number, flags (hex), size. */
    void dump(Path file) throws IOException {
        int n = Math.min(next.get(), capacity);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            for (int i = 0; i < n; i++) {
                int fs = flagsAndSize[i];
                out.printf("%d %s %d %x %d%n", times[i], (fs >>> 31) == 0 ? "in" : "out", numbers[i],
                    (fs >>> 24) & 0x7f, fs & 0xffffff);
            }
        }
    }
}
