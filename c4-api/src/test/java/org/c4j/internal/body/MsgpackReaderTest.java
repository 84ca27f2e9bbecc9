package org.c4j.internal.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MsgpackReaderTest {

    @Test
    void readsEveryIntegerWidth() {
        long[] values = {0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295L, 4294967296L, Long.MAX_VALUE,
                -1, -32, -33, -128, -129, -32768, -32769, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MIN_VALUE};
        for (long v : values) {
            MsgpackWriter w = new MsgpackWriter(16);
            w.writeLong(v);
            MsgpackReader r = new MsgpackReader(w.finish());
            assertEquals(MsgpackReader.Kind.INTEGER, r.peek());
            assertEquals(v, r.readLong());
            assertTrue(!r.hasMore());
        }
    }

    @Test
    void skipsNestedValues() {
        byte[] mp = JsonToMsgpack.encode("[{\"a\":[1,2,{\"b\":null}],\"c\":\"x\"},3.5,1e400]").msgpack();
        MsgpackReader r = new MsgpackReader(mp);
        r.skipValue();
        assertTrue(!r.hasMore());
    }

    /** Truncated or mangled data is always a typed error, never an index exception or a hang. */
    @Property(tries = 300)
    void corruptDataIsATypedError(@ForAll @IntRange(max = 10_000) int seed) {
        byte[] good = JsonToMsgpack.encode("{\"k\":[1,-70000,\"str\",{\"n\":null,\"t\":true,\"f\":1.5,\"big\":"
                + "123456789012345678901234567890}],\"long\":\"" + "y".repeat(300) + "\"}").msgpack();
        java.util.Random rnd = new java.util.Random(seed);
        byte[] bad = rnd.nextBoolean() ? Arrays.copyOf(good, rnd.nextInt(good.length))
                : mutate(good, rnd);
        try {
            MsgpackToJson.toJson(bad);
            BodyValues.decode(bad);
        } catch (C4Exception e) {
            assertTrue(e.code() == ErrorCodes.LiteCore.CORRUPT_REVISION_DATA
                    || e.domain() == org.c4j.socket.ErrorDomain.FLEECE, e.toString());
        }
    }

    private static byte[] mutate(byte[] in, java.util.Random rnd) {
        byte[] b = in.clone();
        for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
        }
        return b;
    }
}
