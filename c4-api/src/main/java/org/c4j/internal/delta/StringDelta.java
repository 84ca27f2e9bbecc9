package org.c4j.internal.delta;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.c4j.internal.delta.EditList.Edit;
import org.c4j.internal.delta.EditList.Op;

/**
 * Fleece's string delta: a run of operations over the UTF-8 bytes of the old string, {@code N=} (copy N bytes),
 * {@code N-} (skip N bytes) and {@code N+bytes|} (insert the N bytes that follow the {@code +}); the counts of
 * {@code =} and {@code -} add up to the old string's length.
 *
 * <p>Creating one runs diff-match-patch's {@code patch_make} (diff, semantic and efficiency clean-ups, patches with
 * a 4-byte margin) and writes the edits patch by patch as Fleece's {@code createStringDelta} does: edges moved
 * outwards off UTF-8 continuation bytes, given up as soon as the operations come within 6 bytes of the new
 * string's length. One addition: every result is applied back before it is returned, and a delta that would not
 * rebuild the new string exactly (Fleece has a corner case that can misplace an edit) is not used; the caller then
 * replaces the string whole, which is always correct.
 *
 * <p>Stateless; thread-safe. Arrays passed in are only read.
 */
final class StringDelta {
    /** diff-match-patch's {@code Patch_Margin}: equalities up to twice this stay inside a patch. */
    private static final int PATCH_MARGIN = 4;
    /** Fleece gives up once the operations are within this many bytes of the new string's length. */
    private static final int GIVE_UP_SLACK = 6;

    private StringDelta() {
    }

    /**
     * The operations turning {@code oldUtf8} into {@code newUtf8}, or null when a diff isn't worth it (new string
     * shorter than {@code minLength}, operations too long, or no exact rebuild).
     */
    static String create(byte[] oldUtf8, byte[] newUtf8, int minLength, double timeoutSeconds) {
        if (newUtf8.length < minLength) {
            return null;
        }
        String text1 = new String(oldUtf8, StandardCharsets.ISO_8859_1);
        String text2 = new String(newUtf8, StandardCharsets.ISO_8859_1);
        EditList diffs = TextDiff.diff(text1, text2, true, TextDiff.deadline(timeoutSeconds));
        if (diffs.size() > 2) {
            EditCleanup.semantic(diffs);
            EditCleanup.efficiency(diffs);
        }
        byte[] ops = write(patches(diffs), oldUtf8, newUtf8);
        if (ops == null || ops.length == 0) {
            return null;
        }
        byte[] rebuilt = applyOrNull(oldUtf8, ops);
        if (rebuilt == null || !Arrays.equals(rebuilt, newUtf8)) {
            return null;
        }
        return new String(ops, StandardCharsets.UTF_8);
    }

    /** One patch of {@code patch_make}, without its context margins (they cancel out in the walk below). */
    private static final class Patch {
        final List<Edit> edits = new ArrayList<>();
        int start1;
        int start2;
        int length1;
        int length2;
    }

    /** Groups the edits into patches the way {@code patch_make} does. */
    private static List<Patch> patches(EditList diffs) {
        List<Patch> patches = new ArrayList<>();
        Patch patch = new Patch();
        int count1 = 0;
        int count2 = 0;
        Edit last = diffs.last();
        for (Edit d = diffs.first(); d != diffs.end(); d = d.next) {
            int len = d.text.length();
            if (patch.edits.isEmpty() && d.op != Op.EQUAL) {
                patch.start1 = count1;
                patch.start2 = count2;
            }
            switch (d.op) {
                case INSERT:
                    patch.edits.add(d);
                    patch.length2 += len;
                    break;
                case DELETE:
                    patch.length1 += len;
                    patch.edits.add(d);
                    break;
                default:
                    if (len <= 2 * PATCH_MARGIN && !patch.edits.isEmpty() && !d.sameAs(last)) {
                        patch.edits.add(d);
                        patch.length1 += len;
                        patch.length2 += len;
                    }
                    if (len >= 2 * PATCH_MARGIN && !patch.edits.isEmpty()) {
                        patches.add(patch);
                        patch = new Patch();
                        count1 = count2; // patches roll: later ones start in the partly patched text
                    }
                    break;
            }
            if (d.op != Op.INSERT) {
                count1 += len;
            }
            if (d.op != Op.DELETE) {
                count2 += len;
            }
        }
        if (!patch.edits.isEmpty()) {
            patches.add(patch);
        }
        return patches;
    }

    /** Writes the operations for the patches; null if they grow too long or fall apart. */
    private static byte[] write(List<Patch> patches, byte[] oldUtf8, byte[] newUtf8) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lastOldPos = 0;
        int correction = 0;
        for (Patch patch : patches) {
            int oldPos = patch.start1 + correction;
            int newPos = patch.start2;
            for (Edit d : patch.edits) {
                int length = d.text.length();
                if (d.op == Op.EQUAL) {
                    oldPos += length;
                    newPos += length;
                } else {
                    if (d.op == Op.DELETE) {
                        long snapped = snap(oldPos, length, oldUtf8);
                        oldPos = (int) (snapped >> 32);
                        length = (int) snapped;
                    } else {
                        long snapped = snap(newPos, length, newUtf8);
                        newPos = (int) (snapped >> 32);
                        length = (int) snapped;
                    }
                    if (oldPos < lastOldPos || oldPos < 0 || newPos < 0) {
                        return null; // Fleece asserts here
                    }
                    if (oldPos > lastOldPos) {
                        ascii(out, (oldPos - lastOldPos) + "=");
                    }
                    if (d.op == Op.DELETE) {
                        ascii(out, length + "-");
                        oldPos += length;
                    } else {
                        if (newPos + length > newUtf8.length) {
                            return null;
                        }
                        ascii(out, length + "+");
                        out.write(newUtf8, newPos, length);
                        out.write('|');
                        newPos += length;
                    }
                    lastOldPos = oldPos;
                }
                if (out.size() + GIVE_UP_SLACK >= newUtf8.length) {
                    return null;
                }
            }
            correction += patch.length1 - patch.length2;
        }
        if (oldUtf8.length > lastOldPos) {
            ascii(out, (oldUtf8.length - lastOldPos) + "=");
        }
        return out.toByteArray();
    }

    /**
     * Widens the byte range {@code (pos, length)} so neither end splits a UTF-8 character; returns
     * {@code pos << 32 | length}, or a negative position if the text starts with a continuation byte.
     */
    private static long snap(int pos, int length, byte[] str) {
        while (pos < str.length && isContinuation(str[pos])) {
            if (--pos < 0) {
                return -1L << 32;
            }
            ++length;
        }
        while (pos + length < str.length && isContinuation(str[pos + length])) {
            ++length;
        }
        return ((long) pos << 32) | (length & 0xffffffffL);
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xc0) == 0x80;
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }

    /**
     * Applies {@code ops} to the old string.
     *
     * @throws IllegalArgumentException with the reason, if the operations are malformed, overrun the old string,
     *     don't cover it exactly, or produce bytes that aren't UTF-8
     */
    static String apply(String oldString, String ops) {
        byte[] old = oldString.getBytes(StandardCharsets.UTF_8);
        byte[] rebuilt = applyChecked(old, ops.getBytes(StandardCharsets.UTF_8));
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(rebuilt)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text delta produces invalid UTF-8");
        }
    }

    private static byte[] applyOrNull(byte[] old, byte[] ops) {
        try {
            return applyChecked(old, ops);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] applyChecked(byte[] old, byte[] ops) {
        if (ops.length == 0) {
            throw new IllegalArgumentException("empty text delta");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(old.length + ops.length);
        int pos = 0;
        int i = 0;
        while (i < ops.length) {
            long len = 0;
            int digits = 0;
            while (i < ops.length && ops[i] >= '0' && ops[i] <= '9') {
                len = len * 10 + (ops[i++] - '0');
                if (len > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("length out of range in text delta");
                }
                digits++;
            }
            if (digits == 0 || i >= ops.length) {
                throw new IllegalArgumentException("bad operation in text delta");
            }
            int n = (int) len;
            byte op = ops[i++];
            switch (op) {
                case '=':
                    if ((long) pos + n > old.length) {
                        throw new IllegalArgumentException("invalid length in text delta");
                    }
                    out.write(old, pos, n);
                    pos += n;
                    break;
                case '-':
                    if ((long) pos + n > old.length) {
                        throw new IllegalArgumentException("length mismatch in text delta");
                    }
                    pos += n;
                    break;
                case '+':
                    if ((long) i + n >= ops.length || ops[i + n] != '|') {
                        throw new IllegalArgumentException("missing insertion delimiter in text delta");
                    }
                    out.write(ops, i, n);
                    i += n + 1;
                    break;
                default:
                    throw new IllegalArgumentException("unknown op in text delta");
            }
        }
        if (pos != old.length) {
            throw new IllegalArgumentException("length mismatch in text delta");
        }
        return out.toByteArray();
    }
}
