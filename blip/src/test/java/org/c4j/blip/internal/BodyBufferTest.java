package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class BodyBufferTest {

    /** Whatever the chunking, the bytes come back in order and the heap taken stays within the stated bound. */
    @Property(tries = 300)
    void keepsTheBytesAndBoundsItsSlack(@ForAll @Size(max = 60) List<@Size(max = 5000) byte[]> chunks) {
        BodyBuffer buffer = new BodyBuffer();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            buffer.append(ByteBuffer.wrap(c));
            expected.writeBytes(c);
            long size = buffer.size();
            assertTrue(buffer.capacity() <= Math.min(2 * size + BodyBuffer.MIN_BLOCK, size + BodyBuffer.MAX_BLOCK),
                    buffer.capacity() + " for " + size);
        }
        assertArrayEquals(expected.toByteArray(), buffer.toArray());
        assertEquals(expected.size(), buffer.capacity());
    }

    @Example
    void oneByteFramesDoNotMultiplyTheHeap() {
        BodyBuffer buffer = new BodyBuffer();
        for (int i = 0; i < 200_000; i++) {
            buffer.append(ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        assertTrue(buffer.capacity() < 200_000 + BodyBuffer.MAX_BLOCK, "capacity " + buffer.capacity());
        assertEquals(200_000, buffer.toArray().length);
    }

    @Example
    void aBodyInOnePieceIsHandedOutWithoutACopy() {
        BodyBuffer buffer = new BodyBuffer();
        buffer.append(ByteBuffer.wrap(new byte[1000]));
        byte[] first = buffer.toArray();
        assertEquals(1000, first.length);
        assertSame(first, buffer.toArray());
    }
}
