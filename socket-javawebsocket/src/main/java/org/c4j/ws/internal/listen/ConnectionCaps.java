package org.c4j.ws.internal.listen;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import org.c4j.ws.internal.Tuning;

/**
 * Counts a listener's connections, in total and per remote address, against its caps
 * ({@link Tuning#MAX_CONNECTIONS}, {@link Tuning#MAX_CONNECTIONS_PER_ADDRESS} by default). Every
 * {@link #admit} that returns {@link Admission#ADMITTED} must be matched by exactly one {@link #release}.
 * Thread-safe.
 */
public final class ConnectionCaps {
    /** The answer to a new connection. */
    public enum Admission {
        ADMITTED,
        /** The listener holds its maximum number of connections. */
        LISTENER_FULL,
        /** The remote address holds its maximum number of connections. */
        ADDRESS_FULL
    }

    private final int max;
    private final int maxPerAddress;
    // Guarded by this.
    private int total;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();

    public ConnectionCaps(int max, int maxPerAddress) {
        if (max < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("connection caps must be at least 1");
        }
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a connection from {@code address} if both caps allow it. */
    public synchronized Admission admit(InetAddress address) {
        if (total >= max) {
            return Admission.LISTENER_FULL;
        }
        int n = perAddress.getOrDefault(address, 0);
        if (n >= maxPerAddress) {
            return Admission.ADDRESS_FULL;
        }
        perAddress.put(address, n + 1);
        total++;
        return Admission.ADMITTED;
    }

    /** An admitted connection from {@code address} ended. */
    public synchronized void release(InetAddress address) {
        Integer n = perAddress.get(address);
        if (n == null) {
            throw new IllegalStateException("release without admit");
        }
        if (n == 1) {
            perAddress.remove(address);
        } else {
            perAddress.put(address, n - 1);
        }
        total--;
    }

    /** Connections counted now. */
    public synchronized int total() {
        return total;
    }

    /** Connections counted now from {@code address}. */
    public synchronized int from(InetAddress address) {
        return perAddress.getOrDefault(address, 0);
    }
}
