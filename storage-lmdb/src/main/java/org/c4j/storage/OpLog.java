package org.c4j.storage;

import java.util.Arrays;

/**
 * The write operations of one write transaction, kept so that the transaction can be replayed on a fresh LMDB
 * transaction after the memory map had to grow (LMDB aborts a transaction that fills the map, and resizes only
 * between transactions). Replaying from the same committed state with the same single writer reproduces the
 * same results (same sequences). Stored in parallel arrays, so logging allocates nothing per operation; the
 * caller's arrays are referenced, not copied. Past {@link StoreOptions#replayLimitBytes()} the log stops and
 * drops its references. Confined to the writer thread.
 */
final class OpLog {
    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final byte EXPIRE = 3;
    private static final byte DROP = 4;
    private static final byte UPDATE = 5;
    private static final byte INSERT = 6;
    /** References per operation: key store, key, version, body, extra. */
    private static final int REFS = 5;
    /** Rough fixed cost of an entry, counted against the limit. */
    private static final int ENTRY_OVERHEAD = 64;

    private final long limitBytes;
    private byte[] ops = new byte[16];
    private Object[] refs = new Object[16 * REFS];
    private long[] nums = new long[16];
    private int size;
    private long bytes;
    private boolean replayable = true;

    OpLog(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    boolean replayable() {
        return replayable;
    }

    void put(KeyStore ks, String key, byte[] version, byte[] body, byte[] extra, int flags) {
        add(PUT, ks, key, version, body, extra, flags);
    }

    void insert(KeyStore ks, String key, byte[] version, byte[] body, byte[] extra, int flags) {
        add(INSERT, ks, key, version, body, extra, flags);
    }

    void update(KeyStore ks, String key, byte[] version, byte[] body, byte[] extra, int flags) {
        add(UPDATE, ks, key, version, body, extra, flags);
    }

    void delete(KeyStore ks, String key) {
        add(DELETE, ks, key, null, null, null, 0);
    }

    void expire(KeyStore ks, String key, long millis) {
        add(EXPIRE, ks, key, null, null, null, millis);
    }

    void drop(KeyStore ks) {
        add(DROP, ks, null, null, null, null, 0);
    }

    /** Re-applies every logged operation in order; returns the result of the last one. */
    long replay(WriteContext ctx) {
        long result = 0;
        for (int i = 0; i < size; i++) {
            int r = i * REFS;
            KeyStore ks = (KeyStore) refs[r];
            String key = (String) refs[r + 1];
            switch (ops[i]) {
                case PUT:
                    result = RecordWriter.put(ctx, ks, key, (byte[]) refs[r + 2], (byte[]) refs[r + 3],
                            (byte[]) refs[r + 4], (int) nums[i]);
                    break;
                case INSERT:
                    result = RecordWriter.insert(ctx, ks, key, (byte[]) refs[r + 2], (byte[]) refs[r + 3],
                            (byte[]) refs[r + 4], (int) nums[i]);
                    break;
                case UPDATE:
                    result = RecordWriter.update(ctx, ks, key, (byte[]) refs[r + 2], (byte[]) refs[r + 3],
                            (byte[]) refs[r + 4], (int) nums[i]);
                    break;
                case DELETE:
                    result = RecordWriter.delete(ctx, ks, key);
                    break;
                case EXPIRE:
                    result = RecordWriter.setExpiration(ctx, ks, key, nums[i]);
                    break;
                default:
                    result = RecordWriter.dropStore(ctx, ks);
                    break;
            }
        }
        return result;
    }

    private void add(byte op, KeyStore ks, String key, byte[] version, byte[] body, byte[] extra, long num) {
        if (!replayable) {
            return;
        }
        bytes += ENTRY_OVERHEAD + (key == null ? 0 : key.length()) + len(version) + len(body) + len(extra);
        if (bytes > limitBytes) {
            replayable = false;
            ops = null;
            refs = null;
            nums = null;
            size = 0;
            return;
        }
        if (size == ops.length) {
            int n = size * 2;
            ops = Arrays.copyOf(ops, n);
            refs = Arrays.copyOf(refs, n * REFS);
            nums = Arrays.copyOf(nums, n);
        }
        int r = size * REFS;
        ops[size] = op;
        refs[r] = ks;
        refs[r + 1] = key;
        refs[r + 2] = version;
        refs[r + 3] = body;
        refs[r + 4] = extra;
        nums[size] = num;
        size++;
    }

    private static int len(byte[] a) {
        return a == null ? 0 : a.length;
    }
}
