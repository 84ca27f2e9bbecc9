package org.c4j.ws.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.regex.Pattern;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * Resolves the {@code networkInterface} setting — an interface name such as {@code eth0} or an IP address
 * literal of this host — to a local address to bind to. Never consults DNS. Stateless; thread-safe.
 */
public final class NetworkInterfaces {
    private NetworkInterfaces() {
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /**
     * The local address named by {@code spec}.
     *
     * @param like if not null, an address of the same family (IPv4/IPv6) is chosen from a named interface;
     *             otherwise IPv4 is preferred
     * @throws C4Exception {@link ErrorDomain#NETWORK} {@link ErrorCodes.Network#UNKNOWN_INTERFACE} if no such
     *                     interface or local address exists
     */
    public static InetAddress resolve(String spec, InetAddress like) {
        String name = spec.trim();
        NetworkInterface nif;
        try {
            nif = NetworkInterface.getByName(name);
        } catch (SocketException e) {
            nif = null;
        }
        if (nif != null) {
            InetAddress fallback = null;
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                boolean v4 = a.getAddress().length == 4;
                boolean wanted = like == null ? v4 : v4 == (like.getAddress().length == 4);
                if (wanted) {
                    return a;
                }
                fallback = fallback == null ? a : fallback;
            }
            if (fallback != null && like == null) {
                return fallback;
            }
            throw unknown("network interface '" + name + "' has no usable address");
        }
        String literal = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (IPV4.matcher(literal).matches() || literal.indexOf(':') >= 0) {
            try {
                InetAddress address = InetAddress.getByName(literal);
                if (address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) != null) {
                    return address;
                }
            } catch (UnknownHostException | SocketException e) {
                throw unknown("'" + name + "' is not a valid local address");
            }
        }
        throw unknown("no network interface or local address '" + name + "'");
    }

    private static C4Exception unknown(String message) {
        return new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.UNKNOWN_INTERFACE, message);
    }
}
