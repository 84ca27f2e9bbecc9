package org.c4j.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.NetworkInterface;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.junit.jupiter.api.Test;

public class NetworkInterfacesTest {

    @Test
    void resolvesAnInterfaceNameOrALocalAddress() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        NetworkInterface lo = NetworkInterface.getByInetAddress(loopback);
        InetAddress byName = NetworkInterfaces.resolve(lo.getName(), null);
        assertTrue(byName.isLoopbackAddress());
        assertEquals(loopback, NetworkInterfaces.resolve("127.0.0.1", null));
        assertEquals(4, NetworkInterfaces.resolve(lo.getName(), loopback).getAddress().length);
    }

    @Test
    void rejectsUnknownNamesAndForeignAddressesWithoutDns() {
        for (String spec : new String[] {"no-such-if0", "192.0.2.77", "example.com"}) {
            C4Exception e = assertThrows(C4Exception.class, () -> NetworkInterfaces.resolve(spec, null), spec);
            assertEquals(ErrorCodes.Network.UNKNOWN_INTERFACE, e.code());
        }
    }
}
