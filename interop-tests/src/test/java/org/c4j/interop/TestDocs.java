package org.c4j.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Document contents the interop scenarios use on both sides: small documents of mixed JSON types, unicode IDs and
 * values, a 5 MB document and blob contents of 0 B, 1 B, 100 KB and 5 MB. Everything is derived from a seed, so a
 * failing run is repeatable. Stateless; thread-safe; returned collections are fresh and owned by the caller.
 */
final class TestDocs {
    /** Blob sizes the scenarios cover, keyed by the property that holds each blob. */
    static final Map<String, Integer> BLOB_SIZES = blobSizes();

    /** Size of the string value of the "large document" scenario. */
    static final int LARGE_DOC_BYTES = 5 * 1024 * 1024;

    /**
     * Unicode document IDs: Latin accents, CJK, right-to-left scripts, combining marks, astral-plane emoji, a
     * space and punctuation LiteCore allows.
     */
    static final List<String> UNICODE_IDS = List.of(
        "caf\u00e9-\u00fcber-\u00df",
        "\u65e5\u672c\u8a9e\u306e\u6587\u66f8",
        "\u05e2\u05d1\u05e8\u05d9\u05ea-\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
        "e\u0301-combining-n\u0303",
        "emoji-\ud83d\ude00\ud83c\udf89\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
        "\u0440\u0443\u0441\u0441\u043a\u0438\u0439 \u0442\u0435\u043a\u0441\u0442",
        "\u03a9\u2248\u00e7\u221a\u222b:+@!$");

    private TestDocs() { }

    /**
     * The documents of the conflict scenario, named after the side whose change must win under Couchbase Lite's
     * default resolver (a deletion wins, otherwise the longer history): both sides start from the same revision,
     * then {@link C4jSide#makeConflicts} and {@link CblSide#makeConflicts} change each of them on both sides.
     */
    static final List<String> CONFLICT_IDS = List.of("c4j-wins", "cbl-wins", "cbl-deletion-wins", "c4j-deletion-wins");

    /** A small document of mixed JSON types, different for each {@code origin} and {@code n}. */
    static Map<String, Object> small(String origin, int n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("origin", origin);
        body.put("n", (long) n);
        body.put("name", "document " + n + " from " + origin);
        body.put("ratio", n + 0.25);
        body.put("even", n % 2 == 0);
        body.put("nothing", null);
        body.put("tags", List.of("t" + n % 7, "t" + n % 11));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("depth", 2L);
        nested.put("list", List.of(1L, 2L, List.of("x", Map.of("y", origin))));
        body.put("nested", nested);
        return body;
    }

    /** A document whose keys and values are unicode text, among them the document's own ID. */
    static Map<String, Object> unicode(String docId, String origin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("origin", origin);
        body.put("id", docId);
        body.put("gr\u00fc\u00dfe", "\u4f60\u597d\uff0c\u4e16\u754c \ud83c\udf0d \u0645\u0631\u062d\u0628\u0627");
        body.put("\ud83d\udd11", List.of("\u00e9", "\u1e9e", "\ud834\udd1e", "tab\tx\u0001", "\"quoted\"\\"));
        body.put("\u0436", Map.of("\u6c34", "\u706b", "z\u0308", "zero width\u200bjoiner"));
        return body;
    }

    /** A document with one string value of {@link #LARGE_DOC_BYTES} ASCII characters. */
    static Map<String, Object> large(String origin, long seed) {
        Random random = new Random(seed);
        char[] text = new char[LARGE_DOC_BYTES];
        for (int i = 0; i < text.length; i++) {
            text[i] = (char) ('!' + random.nextInt(90));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("origin", origin);
        body.put("text", new String(text));
        return body;
    }

    /**
     * Blob content of {@code size} bytes: the first half random (incompressible), the rest a repeated pattern
     * (compressible), so both kinds of BLIP frames travel.
     */
    static byte[] blobContent(int size, long seed) {
        byte[] content = new byte[size];
        Random random = new Random(seed);
        byte[] head = new byte[size / 2];
        random.nextBytes(head);
        System.arraycopy(head, 0, content, 0, head.length);
        for (int i = head.length; i < size; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        return content;
    }

    /**
     * One {@link #blobContent} per {@link #BLOB_SIZES} property, in that order, with seeds {@code seed},
     * {@code seed + 2}, {@code seed + 4}, ... (so contents from {@code seed} and {@code seed + 1} never share a seed).
     */
    static Map<String, byte[]> blobContents(long seed) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        long next = seed;
        for (Map.Entry<String, Integer> e : BLOB_SIZES.entrySet()) {
            contents.put(e.getKey(), blobContent(e.getValue(), next));
            next += 2;
        }
        return contents;
    }

    /** {@code count} IDs {@code <prefix>-0000..}, sorted as strings. */
    static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(String.format("%s-%04d", prefix, i));
        }
        return ids;
    }

    private static Map<String, Integer> blobSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("empty", 0);
        sizes.put("one", 1);
        sizes.put("hundredK", 100 * 1024);
        sizes.put("fiveM", 5 * 1024 * 1024);
        return sizes;
    }
}
