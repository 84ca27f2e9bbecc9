package org.c4j.blip.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The body bytes of one incoming message, copied in as frames arrive. Blocks grow with the body (each new block is
 * as big as the body so far, between {@value #MIN_BLOCK} and {@value #MAX_BLOCK} bytes), so the heap taken stays
 * within about twice the bytes held even for a peer that sends one byte per frame, and nothing is ever copied twice
 * before {@link #toArray()}. A body that arrives in one piece is kept in one exact block and handed out without a
 * copy.
 *
 * <p>Not thread-safe: owned by the connection's executor. {@link #toArray()} gives the caller the array.
 */
final class BodyBuffer {
    /** Smallest block after the first: keeps per-block overhead (about 16 bytes of header) under 2%. */
    static final int MIN_BLOCK = 1024;
    /** Largest block: big bodies grow in steps of this, so slack is at most one block. */
    static final int MAX_BLOCK = 64 * 1024;

    private final List<byte[]> blocks = new ArrayList<>();
    private byte[] current;
    private int currentFill;
    private long size;
    private long capacity;

    /** Copies all of {@code src} in (advancing it). */
    void append(ByteBuffer src) {
        while (src.hasRemaining()) {
            if (current == null || currentFill == current.length) {
                long want = blocks.isEmpty() ? src.remaining() : Math.max(Math.max(MIN_BLOCK, src.remaining()), size);
                current = new byte[(int) Math.min(MAX_BLOCK, want)];
                currentFill = 0;
                blocks.add(current);
                capacity += current.length;
            }
            int n = Math.min(src.remaining(), current.length - currentFill);
            src.get(current, currentFill, n);
            currentFill += n;
            size += n;
        }
    }

    /** Bytes held. */
    long size() {
        return size;
    }

    /** Heap bytes taken by the blocks (what the connection's buffer limit counts). */
    long capacity() {
        return capacity;
    }

    /** The whole body as one array (the buffer then holds just that array). */
    byte[] toArray() {
        if (blocks.isEmpty()) {
            return new byte[0];
        }
        if (blocks.size() == 1 && currentFill == current.length) {
            return current;
        }
        byte[] all = new byte[Math.toIntExact(size)];
        int pos = 0;
        for (int i = 0; i < blocks.size(); i++) {
            byte[] b = blocks.get(i);
            int n = i == blocks.size() - 1 ? currentFill : b.length;
            System.arraycopy(b, 0, all, pos, n);
            pos += n;
        }
        blocks.clear();
        blocks.add(all);
        current = all;
        currentFill = all.length;
        capacity = all.length;
        return all;
    }
}
