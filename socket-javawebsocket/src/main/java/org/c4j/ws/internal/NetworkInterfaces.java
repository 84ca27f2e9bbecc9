package org.c4j.ws.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the {@code networkInterface} setting — an interface name such as {@code eth0} or an IP address
 * literal of this host — to a local address to bind to, and lists the URLs a listener is reachable at. Never
 * consults DNS. Stateless; thread-safe.
 */
public final class NetworkInterfaces {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkInterfaces.class);

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

    /**
     * {@code <scheme>://<address>:<port>/} for the {@code bound} address, or for every address (except link-local
     * ones, which need a zone) of every interface that is up when bound to all of them.
     */
    public static List<URI> urls(String scheme, InetSocketAddress bound) {
        List<InetAddress> addresses = new ArrayList<>();
        if (!bound.getAddress().isAnyLocalAddress()) {
            addresses.add(bound.getAddress());
        } else {
            try {
                for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (nif.isUp()) {
                        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                            if (!a.isLinkLocalAddress()) {
                                addresses.add(a);
                            }
                        }
                    }
                }
            } catch (SocketException e) {
                LOG.debug("listing network interfaces: {}", e.toString());
            }
        }
        List<URI> urls = new ArrayList<>();
        for (InetAddress a : addresses) {
            String host = a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
            urls.add(URI.create(scheme + "://" + host + ":" + bound.getPort() + "/"));
        }
        return List.copyOf(urls);
    }

    private static C4Exception unknown(String message) {
        return new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.UNKNOWN_INTERFACE, message);
    }
}
