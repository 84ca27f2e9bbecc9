package org.c4j.storage;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Child process of {@link DurabilityKillTest}: commits transactions of {@link #RECORDS_PER_TXN} records plus a
 * counter record, forever, and prints {@code C <key> <version>} for each record only AFTER the commit returned.
 * Continues numbering from the counter found in the store, so it can be restarted on the same directory.
 */
public final class DurabilityWriter {
    static final int RECORDS_PER_TXN = 4;
    static final String COUNTER = "counter";

    private DurabilityWriter() {
    }

    /** Deterministic body of record {@code j} of transaction {@code txn}: 1..8 KiB. */
    static byte[] body(long txn, int j) {
        int size = 1024 + (int) ((txn * 7919 + j * 104729) % (7 * 1024));
        byte[] b = new byte[size];
        long x = txn * 31 + j;
        for (int i = 0; i < size; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            b[i] = (byte) (x >>> 56);
        }
        return b;
    }

    static String version(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Long.toHexString(crc.getValue());
    }

    static String key(long txn, int j) {
        return "t" + txn + "-r" + j;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (LmdbStore store = LmdbStore.open(Path.of(args[0]))) {
            KeyStore docs = store.keyStore("docs", true);
            KeyStore info = store.keyStore("info", false);
            Record counter = store.inRead(t -> info.get(t, COUNTER));
            long txn = counter == null ? 0 : Long.parseLong(new String(counter.body(), StandardCharsets.US_ASCII));
            out.println("READY " + txn);
            out.flush();
            while (true) {
                long n = ++txn;
                String[] versions = new String[RECORDS_PER_TXN];
                store.inWrite(t -> {
                    for (int j = 0; j < RECORDS_PER_TXN; j++) {
                        byte[] body = body(n, j);
                        versions[j] = version(body);
                        docs.put(t, key(n, j), versions[j].getBytes(StandardCharsets.US_ASCII), body, null, 0);
                    }
                    return info.put(t, COUNTER, null, Long.toString(n).getBytes(StandardCharsets.US_ASCII), null, 0);
                });
                for (int j = 0; j < RECORDS_PER_TXN; j++) {
                    out.println("C " + key(n, j) + " " + versions[j]);
                }
                out.flush();
            }
        }
    }
}
