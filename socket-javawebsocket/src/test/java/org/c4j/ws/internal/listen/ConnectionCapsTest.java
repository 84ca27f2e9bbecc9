package org.c4j.ws.internal.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.c4j.ws.internal.listen.ConnectionCaps.Admission;
import org.junit.jupiter.api.Test;

public class ConnectionCapsTest {

    private static InetAddress ip(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refusesPastEachCapAndAdmitsAgainAfterARelease() {
        ConnectionCaps caps = new ConnectionCaps(3, 2);
        assertEquals(Admission.ADMITTED, caps.admit(ip(1)));
        assertEquals(Admission.ADMITTED, caps.admit(ip(1)));
        assertEquals(Admission.ADDRESS_FULL, caps.admit(ip(1)));
        assertEquals(Admission.ADMITTED, caps.admit(ip(2)));
        assertEquals(Admission.LISTENER_FULL, caps.admit(ip(3)));
        caps.release(ip(1));
        assertEquals(Admission.ADMITTED, caps.admit(ip(3)));
        assertEquals(3, caps.total());
        assertThrows(IllegalStateException.class, () -> caps.release(ip(9)));
    }

    /** Any sequence of admits and releases keeps both counts within the caps and consistent. */
    @Property(tries = 200)
    void countsStayWithinTheCaps(@ForAll @Size(max = 200) List<@IntRange(min = -4, max = 4) Integer> ops) {
        ConnectionCaps caps = new ConnectionCaps(5, 2);
        List<Integer> held = new ArrayList<>();
        for (int op : ops) {
            if (op >= 0) {
                if (caps.admit(ip(op)) == Admission.ADMITTED) {
                    held.add(op);
                }
            } else if (held.remove(Integer.valueOf(-op))) {
                caps.release(ip(-op));
            }
            assertEquals(held.size(), caps.total());
            for (int a = 0; a <= 4; a++) {
                int addr = a;
                long n = held.stream().filter(h -> h == addr).count();
                assertEquals(n, caps.from(ip(a)));
                assertEquals(true, n <= 2);
            }
            assertEquals(true, caps.total() <= 5);
        }
    }
}
