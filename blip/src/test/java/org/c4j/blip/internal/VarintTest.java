package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.c4j.socket.ErrorCodes;

class VarintTest {

    @Property(tries = 2000)
    void roundTripsEveryLong(@ForAll long value) {
        checkRoundTrip(value);
    }

    @Example
    void roundTripsEdges() {
        for (long v : new long[] {0, 1, 127, 128, 16383, 16384, Integer.MAX_VALUE, 1L << 56, Long.MAX_VALUE,
                Long.MIN_VALUE, -1}) {
            checkRoundTrip(v);
        }
    }

    @Example
    void knownEncodings() {
        assertArrayEquals(new byte[] {0}, encode(0));
        assertArrayEquals(new byte[] {0x7F}, encode(127));
        assertArrayEquals(new byte[] {(byte) 0x80, 0x01}, encode(128));
        assertArrayEquals(new byte[] {(byte) 0xe4, (byte) 0xff, 0x03}, encode(65508)); // an ACK count from the vectors
        byte[] max = new byte[10];
        Arrays.fill(max, (byte) 0xFF);
        max[9] = 0x01;
        assertArrayEquals(max, encode(-1)); // 2^64-1: negative longs are the upper unsigned half
        assertEquals(9, Varint.size(Long.MAX_VALUE));
    }

    private static void checkRoundTrip(long value) {
        byte[] bytes = encode(value);
        assertEquals(Varint.size(value), bytes.length);
        assertArrayEquals(reference(value), bytes);
        ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length + 3));
        assertEquals(value, Varint.read(in));
        assertEquals(bytes.length, in.position());
        ByteBuffer viaBuffer = ByteBuffer.allocate(10);
        Varint.write(value, viaBuffer);
        assertArrayEquals(bytes, Arrays.copyOf(viaBuffer.array(), viaBuffer.position()));
    }

    /** Independent LEB128 encoder over BigInteger. */
    private static byte[] reference(long value) {
        BigInteger v = new BigInteger(Long.toUnsignedString(value));
        BigInteger mask = BigInteger.valueOf(0x7F);
        byte[] out = new byte[10];
        int n = 0;
        do {
            int group = v.and(mask).intValue();
            v = v.shiftRight(7);
            out[n++] = (byte) (v.signum() == 0 ? group : group | 0x80);
        } while (v.signum() != 0);
        return Arrays.copyOf(out, n);
    }

    private static byte[] encode(long value) {
        byte[] buf = new byte[10];
        return Arrays.copyOf(buf, Varint.write(value, buf, 0));
    }

    @Property(tries = 500)
    void truncatedVarintsAreRejected(@ForAll long value, @ForAll @IntRange(min = 1, max = 10) int cut) {
        byte[] bytes = encode(value);
        byte[] truncated = Arrays.copyOf(bytes, Math.max(0, bytes.length - cut));
        BlipProtocolException e = assertThrows(BlipProtocolException.class, () -> Varint.read(ByteBuffer.wrap(truncated)));
        assertEquals(ErrorCodes.Blip.BAD_FRAME, e.code());
    }

    @Property(tries = 500)
    void overlongVarintsAreRejected(@ForAll @Size(min = 10, max = 16) byte[] tail, @ForAll @IntRange(min = 2, max = 255) int tenth) {
        byte[] bytes = tail.clone();
        for (int i = 0; i < 9; i++) {
            bytes[i] |= (byte) 0x80; // nine continuation bytes
        }
        bytes[9] = (byte) tenth; // the tenth may only be 0 or 1
        assertThrows(BlipProtocolException.class, () -> Varint.read(ByteBuffer.wrap(bytes)));
    }

    @Property(tries = 2000)
    void arbitraryBytesDecodeLikeTheReferenceOrAreRejected(@ForAll @Size(max = 12) byte[] bytes) {
        BigInteger value = BigInteger.ZERO;
        int length = -1;
        for (int i = 0; i < bytes.length; i++) {
            value = value.or(BigInteger.valueOf(bytes[i] & 0x7F).shiftLeft(7 * i));
            if (bytes[i] >= 0) {
                length = i + 1;
                break;
            }
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (length < 0 || value.bitLength() > 64) {
            assertThrows(BlipProtocolException.class, () -> Varint.read(in));
        } else {
            assertEquals(value.longValue(), Varint.read(in));
            assertEquals(length, in.position());
        }
    }
}
