package org.c4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

import org.junit.jupiter.api.Test;

/** The sets must be exactly LiteCore's (C/c4Error.cc, c4error_mayBeTransient / c4error_mayBeNetworkDependent). */
class ErrorClassificationTest {

    /** Codes in {@code domain} between 0 and 5000 that {@code test} accepts. */
    private static Set<Integer> scan(ErrorDomain domain, BiPredicate<ErrorDomain, Integer> test) {
        Set<Integer> found = new TreeSet<>();
        for (int code = 0; code <= 5000; code++) {
            if (test.test(domain, code)) {
                found.add(code);
            }
        }
        return found;
    }

    @Test
    void transientCodesAreLiteCores() {
        BiPredicate<ErrorDomain, Integer> t = ErrorClassification::isTransient;
        // ENETRESET, ECONNABORTED, ECONNRESET, ETIMEDOUT, ECONNREFUSED (Linux numbers)
        assertEquals(new TreeSet<>(Set.of(102, 103, 104, 110, 111)), scan(ErrorDomain.POSIX, t));
        // kC4NetErrDNSFailure, Timeout, NetworkReset, ConnectionAborted, ConnectionReset, ConnectionRefused
        assertEquals(new TreeSet<>(Set.of(1, 3, 16, 17, 18, 19)), scan(ErrorDomain.NETWORK, t));
        // HTTP 408, 429, 502, 503, 504; close codes kCodeAbnormal and kCloseAppTransient
        assertEquals(new TreeSet<>(Set.of(408, 429, 502, 503, 504, 1006, 4001)), scan(ErrorDomain.WEBSOCKET, t));
        for (ErrorDomain d : Set.of(ErrorDomain.LITECORE, ErrorDomain.FLEECE, ErrorDomain.BLIP)) {
            assertEquals(Set.of(), scan(d, t), d.name());
        }
    }

    @Test
    void networkDependentCodesAreLiteCores() {
        BiPredicate<ErrorDomain, Integer> n = ErrorClassification::isNetworkDependent;
        // ENETDOWN, ENETUNREACH, ENOTCONN, ETIMEDOUT, EHOSTDOWN, EHOSTUNREACH, EADDRNOTAVAIL, EPIPE
        assertEquals(new TreeSet<>(Set.of(100, 101, 107, 110, 112, 113, 99, 32)), scan(ErrorDomain.POSIX, n));
        // DNSFailure, UnknownHost, NetworkDown, NetworkUnreachable, NotConnected, Timeout, HostDown,
        // HostUnreachable, AddressNotAvailable, BrokenPipe, UnknownInterface
        assertEquals(new TreeSet<>(Set.of(1, 2, 20, 21, 22, 3, 23, 24, 25, 26, 27)), scan(ErrorDomain.NETWORK, n));
        for (ErrorDomain d : Set.of(ErrorDomain.LITECORE, ErrorDomain.FLEECE, ErrorDomain.WEBSOCKET,
                ErrorDomain.BLIP)) {
            assertEquals(Set.of(), scan(d, n), d.name());
        }
    }

    @Test
    void exceptionDelegatesToClassification() {
        C4Exception refused = new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_REFUSED, "x");
        assertTrue(refused.isTransient());
        assertFalse(refused.isNetworkDependent());
        assertFalse(refused.isPermanent());

        C4Exception unknownHost = new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.UNKNOWN_HOST, "x");
        assertFalse(unknownHost.isTransient());
        assertTrue(unknownHost.isNetworkDependent());

        C4Exception unauthorized = new C4Exception(ErrorDomain.WEBSOCKET,
                ErrorCodes.WebSocket.HTTP_UNAUTHORIZED, "x");
        assertTrue(unauthorized.isPermanent());
        assertTrue(new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_GOING_AWAY, "x").isPermanent());
    }
}
