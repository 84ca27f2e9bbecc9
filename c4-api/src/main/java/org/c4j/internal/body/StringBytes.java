package org.c4j.internal.body;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Read access to the bytes a Java String keeps, so that JSON given as an ASCII String can be parsed without
 * {@link String#getBytes}' copy (for ASCII, a Latin-1 String's bytes are its UTF-8).
 *
 * <p>With compact strings (the JDK's default) a String whose chars are all below U+0100 holds them as one byte
 * each ({@code coder} LATIN1). Its array is reached through {@code sun.misc.Unsafe} field offsets (module
 * {@code jdk.unsupported}), which needs no JVM flags; if the fields are not there (another JDK), or compact
 * strings are off, {@link #latin1} answers null and callers copy as before. From Java 23 on, where those Unsafe
 * methods are deprecated for removal (JEP 471) and, from 24, print a warning on first use, it is not used at all.
 *
 * <p>The array returned is the String's own: callers must only read it, never keep it past the call that uses
 * it, and never let it escape. Stateless; thread-safe.
 */
final class StringBytes {
    private static final byte LATIN1 = 0;
    /** The last Java release whose sun.misc.Unsafe field access is not deprecated for removal (JEP 471: 23). */
    private static final int LAST_UNSAFE_RELEASE = 22;
    private static final Unsafe UNSAFE;
    private static final long VALUE_OFFSET;
    private static final long CODER_OFFSET;

    static {
        Unsafe unsafe = null;
        long value = -1;
        long coder = -1;
        if (Runtime.version().feature() <= LAST_UNSAFE_RELEASE) {
            try {
                Field theUnsafe = Unsafe.class.getDeclaredField("theUnsafe");
                theUnsafe.setAccessible(true);
                unsafe = (Unsafe) theUnsafe.get(null);
                Field v = String.class.getDeclaredField("value");
                Field c = String.class.getDeclaredField("coder");
                if (v.getType() == byte[].class && c.getType() == byte.class) {
                    value = unsafe.objectFieldOffset(v);
                    coder = unsafe.objectFieldOffset(c);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                value = -1;
            }
        }
        UNSAFE = unsafe;
        VALUE_OFFSET = value;
        CODER_OFFSET = coder;
    }

    private StringBytes() {
    }

    /**
     * The String's own array if it holds ASCII only (then those bytes are exactly its UTF-8), else null: a
     * String with a char of U+0080 or above, or one this JDK does not keep as Latin-1 bytes.
     */
    static byte[] ascii(String s) {
        byte[] b = latin1(s);
        return b != null && Utf8Scan.isAscii(b) ? b : null;
    }

    /** The String's own array of Latin-1 bytes (one per char), or null if it does not keep them so. */
    static byte[] latin1(String s) {
        if (VALUE_OFFSET < 0 || UNSAFE.getByte(s, CODER_OFFSET) != LATIN1) {
            return null;
        }
        Object value = UNSAFE.getObject(s, VALUE_OFFSET);
        return value instanceof byte[] && ((byte[]) value).length == s.length() ? (byte[]) value : null;
    }
}
