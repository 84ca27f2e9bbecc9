package org.c4j.internal.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link StringDelta}: its operations rebuild the new string, stay short, and malformed ones are refused. */
class StringDeltaTest {

    @Provide
    Arbitrary<Long> seeds() {
        return DeltaGen.seeds();
    }

    @Property(tries = 1000)
    void createdOperationsRebuildTheNewStringAndAreShorterThanIt(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        String old = DeltaGen.text(r, r.nextInt(400));
        String nuu = r.nextInt(6) == 0 ? DeltaGen.text(r, r.nextInt(400)) : DeltaGen.editText(r, old);
        if (nuu.equals(old)) {
            return; // JsonDelta never diffs equal strings
        }
        byte[] o = old.getBytes(StandardCharsets.UTF_8);
        byte[] n = nuu.getBytes(StandardCharsets.UTF_8);
        for (int min : new int[] {1, JsonDelta.MIN_STRING_DIFF_BYTES}) {
            for (double timeout : new double[] {-1, JsonDelta.TEXT_DIFF_TIMEOUT_SECONDS}) {
                String ops = StringDelta.create(o, n, min, timeout);
                if (n.length < min) {
                    assertNull(ops);
                }
                if (ops != null) {
                    assertEquals(nuu, StringDelta.apply(old, ops));
                    // Fleece gives up once the operations (before the closing copy) come within 6 bytes of it
                    String beforeClosingCopy = ops.replaceFirst("[0-9]+=$", "");
                    assertTrue(beforeClosingCopy.getBytes(StandardCharsets.UTF_8).length + 6 < n.length, ops);
                }
            }
        }
    }

    @Test
    void editOfALongStringIsSmall() {
        String old = "to wound the autumnal city. So howled out for the world to give him a name.  "
                + "The in-dark answered with the wind.";
        String ops = StringDelta.create(old.getBytes(StandardCharsets.UTF_8),
                old.replace("city", "town").getBytes(StandardCharsets.UTF_8), 60, 0.25);
        assertEquals("22=4-4+town|86=", ops);
    }

    @Test
    void malformedOperationsAreRefused() {
        for (String bad : new String[] {"", "=", "3", "3x", "2=", "6=", "1+ab|4=", "1+a", "5-1-", "-1=",
                "99999999999=", "5=0+|1+"}) {
            assertThrows(IllegalArgumentException.class, () -> StringDelta.apply("hello", bad), bad);
        }
        assertEquals("hello", StringDelta.apply("hello", "5="));
        assertEquals("", StringDelta.apply("hello", "5-"));
        assertEquals("hi|hello", StringDelta.apply("hello", "3+hi||5="));
    }

    @Test
    void operationsThatSplitACharacterAreRefused() {
        // "é" is 2 bytes: inserting only its first byte is not UTF-8
        assertThrows(IllegalArgumentException.class, () -> StringDelta.apply("ab", "1=1+\u00c3|1="));
    }
}
