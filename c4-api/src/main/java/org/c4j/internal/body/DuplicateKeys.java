package org.c4j.internal.body;

import java.util.Arrays;

/**
 * The property names seen so far in each JSON object of one document, to refuse a name repeated in the same
 * object. Names are compared as their UTF-8 bytes in the output being written (so {@code "a"} and
 * {@code "\u0061"} are the same name) and referred to by position, not copied. One open-addressing table serves
 * every object of the document: an entry carries the number of the object it belongs to.
 *
 * <p>Not thread-safe; owned by one parser and {@link #reset() reset} for each document.
 */
final class DuplicateKeys {
    private static final int INITIAL_SLOTS = 64;
    private static final int RETAIN_SLOTS = 16 * 1024;

    private int[] slots = new int[INITIAL_SLOTS]; // entry index + 1, or 0 if free
    private int[] owner = new int[INITIAL_SLOTS / 2];
    private int[] start = new int[INITIAL_SLOTS / 2];
    private int[] length = new int[INITIAL_SLOTS / 2];
    private int[] hash = new int[INITIAL_SLOTS / 2];
    private int[] slotOf = new int[INITIAL_SLOTS / 2];
    private int size;

    /** Forgets every name (keeping the tables, unless one document made them very large). */
    void reset() {
        if (slots.length > RETAIN_SLOTS) {
            slots = new int[INITIAL_SLOTS];
            owner = new int[INITIAL_SLOTS / 2];
            start = new int[INITIAL_SLOTS / 2];
            length = new int[INITIAL_SLOTS / 2];
            hash = new int[INITIAL_SLOTS / 2];
            slotOf = new int[INITIAL_SLOTS / 2];
        } else {
            for (int i = 0; i < size; i++) {
                slots[slotOf[i]] = 0;
            }
        }
        size = 0;
    }

    /**
     * Records the name {@code buf[off, off+len)} of object {@code object}; returns false if that object already
     * has this name.
     */
    boolean add(int object, byte[] buf, int off, int len) {
        int h = object * 0x9E3779B9;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + buf[i];
        }
        h ^= h >>> 16;
        int mask = slots.length - 1;
        int s = h & mask;
        for (int e; (e = slots[s]) != 0; s = (s + 1) & mask) {
            e--;
            if (hash[e] == h && owner[e] == object && length[e] == len
                    && Arrays.equals(buf, start[e], start[e] + len, buf, off, off + len)) {
                return false;
            }
        }
        if (size == owner.length) {
            grow();
            return add(object, buf, off, len);
        }
        owner[size] = object;
        start[size] = off;
        length[size] = len;
        hash[size] = h;
        slotOf[size] = s;
        size++;
        slots[s] = size;
        return true;
    }

    /** Doubles the table (kept at most half full) and re-places every entry. */
    private void grow() {
        int entries = owner.length * 2;
        owner = Arrays.copyOf(owner, entries);
        start = Arrays.copyOf(start, entries);
        length = Arrays.copyOf(length, entries);
        hash = Arrays.copyOf(hash, entries);
        slotOf = Arrays.copyOf(slotOf, entries);
        slots = new int[entries * 2];
        int mask = slots.length - 1;
        for (int e = 0; e < size; e++) {
            int s = hash[e] & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = e + 1;
            slotOf[e] = s;
        }
    }
}
