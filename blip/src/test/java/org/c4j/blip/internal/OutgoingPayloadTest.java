package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Chunking of message payloads: exact bytes, chunk limits, and "more coming" known without an extra frame. */
class OutgoingPayloadTest {

    private static byte[] bytes(int n, int salt) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + salt);
        }
        return b;
    }

    private static void drainAndCheck(OutgoingPayload payload, byte[] expected, List<Integer> maxima) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        boolean first = true;
        while (first || payload.hasMore()) {
            first = false;
            int max = maxima.get(i++ % maxima.size());
            ByteBuffer chunk = payload.next(max);
            assertTrue(chunk.remaining() <= max);
            assertTrue(chunk.hasRemaining() || expected.length == 0, "no empty chunk in the middle");
            byte[] c = new byte[chunk.remaining()];
            chunk.get(c);
            out.writeBytes(c);
        }
        assertFalse(payload.hasMore());
        assertArrayEquals(expected, out.toByteArray());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Property(tries = 300)
    void arrayPayloadYieldsExactlyItsBytes(@ForAll @IntRange(max = 300) int propsSize,
                                           @ForAll @IntRange(max = 5000) int bodySize,
                                           @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 700) Integer> maxima)
            throws IOException {
        byte[] props = bytes(propsSize, 1);
        byte[] body = bytes(bodySize, 2);
        drainAndCheck(OutgoingPayload.of(props, body), concat(props, body), maxima);
    }

    @Property(tries = 300)
    void sourcePayloadYieldsExactlyItsBytes(@ForAll @IntRange(max = 300) int propsSize,
                                            @ForAll @IntRange(max = 5000) int bodySize,
                                            @ForAll @IntRange(min = 1, max = 97) int readSize,
                                            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 700) Integer> maxima)
            throws IOException {
        byte[] props = bytes(propsSize, 1);
        byte[] body = bytes(bodySize, 2);
        ByteBuffer src = ByteBuffer.wrap(body);
        OutgoingPayload payload = OutgoingPayload.of(props, dst -> {
            if (!src.hasRemaining()) {
                return -1;
            }
            int n = Math.min(readSize, Math.min(dst.remaining(), src.remaining()));
            dst.put(src.slice().limit(n));
            src.position(src.position() + n);
            return n;
        }, 2 * 700);
        drainAndCheck(payload, concat(props, body), maxima);
    }
}
