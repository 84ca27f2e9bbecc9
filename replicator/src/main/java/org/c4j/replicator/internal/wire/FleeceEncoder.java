package org.c4j.replicator.internal.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of Fleece's binary encoder to reproduce, byte for byte, what LiteCore hashes into a checkpoint ID:
 * null, booleans, integers, doubles, strings (including raw bytes), arrays and dicts, with Fleece's layout rules
 * (values 2-byte aligned, written bottom-up; strings of 2..15 bytes written once and re-referenced; collections
 * narrow unless a pointer is too far, then wide; a trailing pointer to the root). Integers and doubles are laid out
 * as Fleece's {@code writeValue} copies them out of an options dictionary, which is how LiteCore adds option values.
 *
 * <p>Not thread-safe; one encoder per document.
 */
public final class FleeceEncoder {
    private static final int TAG_SHORT_INT = 0x00;
    private static final int TAG_INT = 0x10;
    private static final int TAG_FLOAT = 0x20;
    private static final int TAG_STRING = 0x40;
    private static final int TAG_ARRAY = 0x60;
    private static final int TAG_DICT = 0x70;
    private static final int WIDE_FLAG = 0x08;
    private static final byte[] NULL = {0x30, 0};
    private static final byte[] FALSE = {0x34, 0};
    private static final byte[] TRUE = {0x38, 0};
    /** Strings this long are shared ({@code kNarrow} .. {@code kMaxSharedStringSize}). */
    private static final int MIN_SHARED = 2;
    private static final int MAX_SHARED = 15;
    /** Farthest a narrow pointer reaches back ({@code Pointer::kMaxNarrowOffset}). */
    private static final int MAX_NARROW_OFFSET = 0x7FFE;
    /** Array/dict counts from this value on continue in a varint ({@code kLongArrayCount}). */
    private static final int LONG_COUNT = 0x07FF;

    /** An entry of an open collection: an inline value (2 or 4 bytes) or a pointer to an absolute offset. */
    private record Item(byte[] inline, int target) {
    }

    private static final class Frame {
        final boolean dict;
        final List<Item> items = new ArrayList<>();
        final List<byte[]> keys = new ArrayList<>();
        boolean wide;

        Frame(boolean dict) {
            this.dict = dict;
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> strings = new HashMap<>();
    private final Deque<Frame> stack = new ArrayDeque<>();

    public FleeceEncoder() {
        stack.push(new Frame(false));
    }

    /** Writes a Java value: null, Boolean, String, byte[] (as a string), Long/Integer, other Number, List, Map. */
    public void writeValue(Object v) {
        if (v == null) {
            item(NULL);
        } else if (v instanceof Boolean b) {
            item(b ? TRUE : FALSE);
        } else if (v instanceof String s) {
            writeString(s.getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof byte[] bytes) {
            writeString(bytes);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            writeInt(((Number) v).longValue());
        } else if (v instanceof Number n) {
            writeDouble(n.doubleValue());
        } else if (v instanceof List<?> list) {
            stack.push(new Frame(false));
            for (Object o : list) {
                writeValue(o);
            }
            endCollection();
        } else if (v instanceof Map<?, ?> map) {
            stack.push(new Frame(true));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                byte[] key = String.valueOf(e.getKey()).getBytes(StandardCharsets.UTF_8);
                writeString(key);
                stack.peek().keys.add(key);
                writeValue(e.getValue());
            }
            endCollection();
        } else {
            throw new IllegalArgumentException("no Fleece encoding for " + v.getClass().getName());
        }
    }

    /** Ends the document: writes the trailing root pointer and returns the encoded bytes. */
    public byte[] finish() {
        Frame root = stack.pop();
        if (!stack.isEmpty() || root.items.size() != 1) {
            throw new IllegalStateException("exactly one top-level value must be written");
        }
        int origin = nextWritePos();
        checkPointerWidths(root, origin);
        writeItems(root, origin);
        if (root.wide) {
            writeBigEndian(0x8000 | (4 >> 1), 2);   // narrow pointer back to the 4-byte root pointer
        }
        return out.toByteArray();
    }

    private void writeString(byte[] s) {
        if (s.length < MIN_SHARED) {
            item(new byte[] {(byte) (TAG_STRING | s.length), s.length > 0 ? s[0] : 0});
            return;
        }
        boolean shared = s.length <= MAX_SHARED;
        String key = shared ? new String(s, StandardCharsets.ISO_8859_1) : null;
        if (shared) {
            Integer offset = strings.get(key);
            if (offset != null && (stack.peek().wide || nextWritePos() - offset <= MAX_NARROW_OFFSET - 32)) {
                pointer(offset);
                return;
            }
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream(s.length + 6);
        if (s.length < 0x0F) {
            data.write(TAG_STRING | s.length);
        } else {
            data.write(TAG_STRING | 0x0F);
            writeVarint(data, s.length);
        }
        data.writeBytes(s);
        int pos = outOfLine(data.toByteArray());
        if (shared) {
            strings.put(key, pos);
        }
    }

    private void writeInt(long v) {
        if (v >= -2048 && v < 2048) {
            item(new byte[] {(byte) (TAG_SHORT_INT | (v >> 8 & 0x0F)), (byte) v});
            return;
        }
        int n = 1;
        while (n < 8 && (v < -(1L << (8 * n - 1)) || v >= 1L << (8 * n - 1))) {
            n++;
        }
        byte[] data = new byte[1 + n];
        data[0] = (byte) (TAG_INT | (n - 1));
        for (int i = 0; i < n; i++) {
            data[1 + i] = (byte) (v >> (8 * i));
        }
        if (data.length <= 4) {
            item(Arrays.copyOf(data, 4));   // a copied value of up to 4 bytes sits inline, making the collection wide
            stack.peek().wide = true;
        } else {
            outOfLine(data);
        }
    }

    private void writeDouble(double d) {
        float f = (float) d;
        boolean asFloat = Math.abs(d) <= Float.MAX_VALUE && f == d;
        byte[] data = new byte[asFloat ? 6 : 10];
        data[0] = (byte) (asFloat ? TAG_FLOAT : TAG_FLOAT | 0x08);
        long bits = asFloat ? Float.floatToIntBits(f) : Double.doubleToLongBits(d);
        for (int i = 0; i < data.length - 2; i++) {
            data[2 + i] = (byte) (bits >> (8 * i));
        }
        outOfLine(data);
    }

    private void endCollection() {
        Frame f = stack.pop();
        int count = f.dict ? f.items.size() / 2 : f.items.size();
        int tag = f.dict ? TAG_DICT : TAG_ARRAY;
        if (count == 0) {
            item(new byte[] {(byte) tag, 0});
            return;
        }
        if (f.dict) {
            sortDict(f);
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream(6);
        int inlineCount = Math.min(count, LONG_COUNT);
        header.write(tag | inlineCount >> 8);
        header.write(inlineCount & 0xFF);
        if (count >= LONG_COUNT) {
            writeVarint(header, count - LONG_COUNT);
        }
        byte[] h = header.toByteArray();
        int origin = nextWritePos() + h.length + (h.length & 1);
        checkPointerWidths(f, origin);
        if (f.wide) {
            h[0] |= WIDE_FLAG;
        }
        outOfLine(h);
        writeItems(f, origin);
    }

    /** Reorders a dict's key/value pairs by key bytes (memcmp, then shorter first), as Fleece's {@code sortDict}. */
    private static void sortDict(Frame f) {
        int n = f.keys.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(f.keys.get(a), f.keys.get(b)));
        List<Item> sorted = new ArrayList<>(f.items.size());
        for (int i : order) {
            sorted.add(f.items.get(2 * i));
            sorted.add(f.items.get(2 * i + 1));
        }
        f.items.clear();
        f.items.addAll(sorted);
    }

    private static void checkPointerWidths(Frame f, int origin) {
        if (f.wide) {
            return;
        }
        for (Item it : f.items) {
            if (it.inline == null && origin - it.target > MAX_NARROW_OFFSET) {
                f.wide = true;
                return;
            }
            origin += 2;
        }
    }

    private void writeItems(Frame f, int origin) {
        int width = f.wide ? 4 : 2;
        for (Item it : f.items) {
            if (it.inline != null) {
                out.write(it.inline, 0, 2);
                if (f.wide) {
                    out.write(it.inline.length > 2 ? it.inline[2] : 0);
                    out.write(it.inline.length > 2 ? it.inline[3] : 0);
                }
            } else {
                int offset = (origin - it.target) >> 1;
                writeBigEndian(f.wide ? 0x8000_0000L | offset : 0x8000 | offset, width);
            }
            origin += width;
        }
    }

    private void item(byte[] inline) {
        stack.peek().items.add(new Item(inline, -1));
    }

    private void pointer(int target) {
        stack.peek().items.add(new Item(null, target));
    }

    /** Writes a value after the data so far (even-aligned, padded) and points the current collection at it. */
    private int outOfLine(byte[] data) {
        int pos = nextWritePos();
        pointer(pos);
        out.writeBytes(data);
        if ((data.length & 1) != 0) {
            out.write(0);
        }
        return pos;
    }

    private int nextWritePos() {
        if ((out.size() & 1) != 0) {
            out.write(0);
        }
        return out.size();
    }

    private void writeBigEndian(long v, int width) {
        for (int i = width - 1; i >= 0; i--) {
            out.write((int) (v >> (8 * i)));
        }
    }

    private static void writeVarint(ByteArrayOutputStream o, int n) {
        while (n >= 0x80) {
            o.write(n & 0x7F | 0x80);
            n >>>= 7;
        }
        o.write(n);
    }
}
