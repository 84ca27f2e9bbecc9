package org.c4j.bench;

/**
 * The documents every insert/replication benchmark uses, so figures compare like with like: document {@code i}
 * has ID {@link #id(int)} and the ASCII JSON object {@link #json(int)} of exactly {@link #JSON_BYTES} bytes, made
 * deterministically from {@code i} alone (a fixed xorshift generator, no {@code java.util.Random}, no clock).
 *
 * <p>Shape: a few scalar fields of each JSON type, a small array, a nested object and a text field padded so the
 * whole document is 1 KiB. Thread-safe (stateless).
 */
public final class BenchDocs {
    /** Size of every document's JSON, in bytes (and chars: it is ASCII). */
    public static final int JSON_BYTES = 1024;

    private static final String[] CITIES = {"Lisbon", "Oslo", "Quito", "Hanoi", "Accra", "Perth", "Lima", "Riga"};
    private static final char[] TEXT = "abcdefghijklmnopqrstuvwxyz     ".toCharArray();

    private BenchDocs() { }

    /** The document ID of document {@code i}: {@code doc-} and seven zero-padded digits. */
    public static String id(int i) {
        return String.format("doc-%07d", i);
    }

    /** The JSON body of document {@code i}: always the same for the same {@code i}, {@link #JSON_BYTES} long. */
    public static String json(int i) {
        long state = 0x9E3779B97F4A7C15L ^ (i + 1L);
        StringBuilder sb = new StringBuilder(JSON_BYTES);
        sb.append("{\"type\":\"bench\",\"n\":").append(i)
          .append(",\"name\":\"user-").append(i).append('"')
          .append(",\"email\":\"user").append(i).append("@example.com\"")
          .append(",\"age\":").append(18 + i % 70)
          .append(",\"active\":").append(i % 3 != 0)
          .append(",\"manager\":null")
          .append(",\"tags\":[\"t").append(i % 10).append("\",\"t").append(i % 7).append("\",\"t").append(i % 3)
          .append("\"]")
          .append(",\"address\":{\"street\":\"").append(1 + i % 997).append(" Main Street\",\"city\":\"")
          .append(CITIES[i % CITIES.length]).append("\",\"zip\":\"").append(String.format("%05d", i % 100_000))
          .append("\"},\"notes\":\"");
        int textLength = JSON_BYTES - sb.length() - "\"}".length();
        for (int k = 0; k < textLength; k++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            sb.append(TEXT[(int) Long.remainderUnsigned(state, TEXT.length)]);
        }
        sb.append("\"}");
        return sb.toString();
    }
}
