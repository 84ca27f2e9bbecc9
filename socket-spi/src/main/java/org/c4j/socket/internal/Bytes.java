package org.c4j.socket.internal;

import java.util.Arrays;

/**
 * An immutable byte string: how option trees hold binary values, so that trees compare and hash by content.
 *
 * <p>Immutable; thread-safe. The array inside is never handed out: {@link #toArray()} copies.
 */
public final class Bytes {
    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A byte string holding a copy of {@code bytes}. */
    public static Bytes copyOf(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /** Takes ownership of {@code bytes}: the caller must not keep or change the array. */
    static Bytes adopt(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** A fresh copy of the content. */
    public byte[] toArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The content itself, for this package's codec only (read-only by convention). */
    byte[] array() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "<" + bytes.length + " bytes>";
    }
}
