package org.c4j.ws.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;

/**
 * Opens a tunnel through a proxy on a socket already connected to it, before anything else is sent: HTTP
 * {@code CONNECT host:port} (with {@code Proxy-Authorization: Basic} when credentials are given; 407 and other
 * refusals become errors) or a SOCKS5 {@code CONNECT} to the host name (RFC 1928; user name and password by RFC 1929
 * when given). Blocking; runs on the connection's reader thread, whose socket timeout bounds each read.
 * Proxy replies are bounded ({@link #MAX_HTTP_REPLY}). Stateless; thread-safe.
 *
 * <p>Errors: wrong or missing proxy credentials are {@link ErrorDomain#WEBSOCKET} 407 (Proxy Authentication
 * Required), as LiteCore reports an HTTP proxy's 407; other refusals {@link ErrorDomain#WEBSOCKET} with the HTTP
 * status (HTTP) or {@link ErrorDomain#NETWORK} codes (SOCKS); I/O errors propagate as {@link IOException}.
 */
public final class ProxyTunnel {
    /** Longest CONNECT reply head read (a proxy's reply is a status line and a few headers). */
    static final int MAX_HTTP_REPLY = 8 * 1024;
    private static final int SOCKS_VERSION = 5;
    private static final int SOCKS_NO_AUTH = 0;
    private static final int SOCKS_USER_PASSWORD = 2;
    private static final int SOCKS_NO_ACCEPTABLE = 0xFF;
    private static final int SOCKS_CONNECT = 1;
    private static final int SOCKS_ATYP_IPV4 = 1;
    private static final int SOCKS_ATYP_DOMAIN = 3;
    private static final int SOCKS_ATYP_IPV6 = 4;
    private static final int PROXY_AUTH_REQUIRED = 407;

    private ProxyTunnel() {
    }

    /** Opens the tunnel to {@code host:port} through {@code proxy} on {@code socket} (connected to the proxy). */
    public static void open(Socket socket, ProxySpec proxy, String host, int port) throws IOException {
        if (proxy.type() == ProxySpec.Type.HTTP) {
            httpConnect(socket.getInputStream(), socket.getOutputStream(), proxy, host, port);
        } else {
            socks5(socket.getInputStream(), socket.getOutputStream(), proxy, host, port);
        }
    }

    static void httpConnect(InputStream in, OutputStream out, ProxySpec proxy, String host, int port)
            throws IOException {
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder rq = new StringBuilder("CONNECT ").append(authority).append(" HTTP/1.1\r\nHost: ")
                .append(authority).append("\r\n");
        if (proxy.username() != null) {
            rq.append("Proxy-Authorization: Basic ").append(Base64.getEncoder().encodeToString(
                    (proxy.username() + ":" + proxy.password()).getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        out.write(rq.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        // read exactly the head, byte by byte: what follows belongs to the tunnelled protocol
        byte[] head = new byte[MAX_HTTP_REPLY];
        int n = 0;
        while (n < 4 || head[n - 4] != '\r' || head[n - 3] != '\n' || head[n - 2] != '\r' || head[n - 1] != '\n') {
            if (n == head.length) {
                throw new C4Exception(ErrorDomain.WEBSOCKET, 502, "the proxy's CONNECT reply is too long");
            }
            int b = in.read();
            if (b < 0) {
                throw new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_RESET,
                        "the proxy closed the connection during CONNECT");
            }
            head[n++] = (byte) b;
        }
        String status = new String(head, 0, n, StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
        String[] parts = status.split(" ", 3);
        int code;
        try {
            code = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (code / 100 == 2) {
            return;
        }
        if (code == PROXY_AUTH_REQUIRED) {
            throw new C4Exception(ErrorDomain.WEBSOCKET, PROXY_AUTH_REQUIRED, proxy.username() == null
                    ? "the HTTP proxy requires credentials" : "the HTTP proxy refused the credentials");
        }
        if (code < 0) {
            throw new C4Exception(ErrorDomain.WEBSOCKET, 502, "the proxy's CONNECT reply is not HTTP");
        }
        throw new C4Exception(ErrorDomain.WEBSOCKET, code, "the HTTP proxy refused CONNECT with " + code);
    }

    static void socks5(InputStream in, OutputStream out, ProxySpec proxy, String host, int port) throws IOException {
        boolean withPassword = proxy.username() != null;
        out.write(withPassword ? new byte[] {SOCKS_VERSION, 2, SOCKS_NO_AUTH, SOCKS_USER_PASSWORD}
                : new byte[] {SOCKS_VERSION, 1, SOCKS_NO_AUTH});
        out.flush();
        byte[] choice = readFully(in, 2);
        if (choice[0] != SOCKS_VERSION) {
            throw socksError("the proxy does not speak SOCKS5");
        }
        int method = choice[1] & 0xFF;
        if (method == SOCKS_USER_PASSWORD && withPassword) {
            byte[] user = proxy.username().getBytes(StandardCharsets.UTF_8);
            byte[] pass = proxy.password().getBytes(StandardCharsets.UTF_8);
            if (user.length > 255 || pass.length > 255) {
                throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.INVALID_PARAMETER,
                        "SOCKS5 user names and passwords are at most 255 bytes");
            }
            byte[] auth = new byte[3 + user.length + pass.length];
            auth[0] = 1;
            auth[1] = (byte) user.length;
            System.arraycopy(user, 0, auth, 2, user.length);
            auth[2 + user.length] = (byte) pass.length;
            System.arraycopy(pass, 0, auth, 3 + user.length, pass.length);
            out.write(auth);
            out.flush();
            if (readFully(in, 2)[1] != 0) {
                throw new C4Exception(ErrorDomain.WEBSOCKET, PROXY_AUTH_REQUIRED,
                        "the SOCKS5 proxy refused the credentials");
            }
        } else if (method == SOCKS_USER_PASSWORD || method == SOCKS_NO_ACCEPTABLE) {
            throw new C4Exception(ErrorDomain.WEBSOCKET, PROXY_AUTH_REQUIRED,
                    "the SOCKS5 proxy requires credentials");
        } else if (method != SOCKS_NO_AUTH) {
            throw socksError("the SOCKS5 proxy chose an unknown authentication method");
        }
        byte[] name = host.getBytes(StandardCharsets.UTF_8);
        if (name.length > 255) {
            throw socksError("host name too long for SOCKS5");
        }
        byte[] rq = new byte[7 + name.length];
        rq[0] = SOCKS_VERSION;
        rq[1] = SOCKS_CONNECT;
        rq[3] = SOCKS_ATYP_DOMAIN;
        rq[4] = (byte) name.length;
        System.arraycopy(name, 0, rq, 5, name.length);
        rq[5 + name.length] = (byte) (port >> 8);
        rq[6 + name.length] = (byte) port;
        out.write(rq);
        out.flush();
        byte[] reply = readFully(in, 4);
        if (reply[0] != SOCKS_VERSION) {
            throw socksError("malformed SOCKS5 reply");
        }
        if (reply[1] != 0) {
            throw socksRefusal(reply[1] & 0xFF);
        }
        int skip = switch (reply[3]) {
            case SOCKS_ATYP_IPV4 -> 4;
            case SOCKS_ATYP_IPV6 -> 16;
            case SOCKS_ATYP_DOMAIN -> readFully(in, 1)[0] & 0xFF;
            default -> throw socksError("malformed SOCKS5 reply address");
        };
        readFully(in, skip + 2);
    }

    private static C4Exception socksRefusal(int rep) {
        return switch (rep) {
            case 3 -> new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.NETWORK_UNREACHABLE,
                    "SOCKS5 proxy: network unreachable");
            case 4 -> new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.HOST_UNREACHABLE,
                    "SOCKS5 proxy: host unreachable");
            case 5 -> new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_REFUSED,
                    "SOCKS5 proxy: connection refused");
            case 6 -> new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.TIMEOUT, "SOCKS5 proxy: TTL expired");
            default -> socksError("SOCKS5 proxy refused the connection (reply " + rep + ")");
        };
    }

    private static C4Exception socksError(String message) {
        return new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.UNKNOWN, message);
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new C4Exception(ErrorDomain.NETWORK, ErrorCodes.Network.CONNECTION_RESET,
                    "the proxy closed the connection");
        }
        return b;
    }
}
