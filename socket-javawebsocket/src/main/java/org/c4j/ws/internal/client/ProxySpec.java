package org.c4j.ws.internal.client;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;

/**
 * The proxy a client connection goes through: HTTP ({@code CONNECT} tunnel, optional Basic proxy credentials) or
 * SOCKS5 (optional user name and password). Taken from LiteCore's {@code proxy} options dictionary ({@code type}
 * {@code HTTP} / {@code SOCKS} / {@code none}, {@code host}, {@code port}, {@code auth: {username, password}}), or,
 * when the options name none, from {@link ProxySelector#getDefault()} (no credentials then). Immutable; thread-safe;
 * {@link #toString} never shows the password.
 *
 * @param type     HTTP or SOCKS
 * @param host     the proxy's host
 * @param port     the proxy's port
 * @param username proxy user name, or null
 * @param password proxy password, or null
 */
public record ProxySpec(Type type, String host, int port, String username, String password) {

    /** The kinds of proxy a connection can tunnel through. */
    public enum Type { HTTP, SOCKS }

    /** The default ports when the options give none (HTTP proxies commonly 8080, SOCKS 1080). */
    static final int DEFAULT_HTTP_PORT = 8080;
    static final int DEFAULT_SOCKS_PORT = 1080;

    /**
     * The proxy for a connection to {@code target} ({@code ws}/{@code wss} URL), or null to connect directly.
     *
     * @throws C4Exception {@link ErrorDomain#LITECORE} {@link ErrorCodes.LiteCore#INVALID_PARAMETER} for a malformed
     *                     or unsupported proxy dictionary (e.g. {@code HTTPS}, which would need TLS to the proxy)
     */
    public static ProxySpec of(OptionsDict options, URI target, ProxySelector selector) {
        OptionsDict p = options.getDict(OptionKeys.PROXY);
        if (p != null) {
            return fromDict(p);
        }
        if (selector == null) {
            return null;
        }
        String scheme = "wss".equalsIgnoreCase(target.getScheme()) ? "https" : "http";
        List<Proxy> proxies;
        try {
            proxies = selector.select(URI.create(scheme + "://" + target.getHost()
                    + (target.getPort() > 0 ? ":" + target.getPort() : "") + "/"));
        } catch (RuntimeException e) {
            return null;
        }
        for (Proxy proxy : proxies) {
            SocketAddress a = proxy.address();
            if (proxy.type() != Proxy.Type.DIRECT && a instanceof InetSocketAddress isa) {
                return new ProxySpec(proxy.type() == Proxy.Type.SOCKS ? Type.SOCKS : Type.HTTP,
                        isa.getHostString(), isa.getPort(), null, null);
            }
        }
        return null;
    }

    private static ProxySpec fromDict(OptionsDict p) {
        String type = p.getString(OptionKeys.PROXY_TYPE, OptionKeys.PROXY_TYPE_HTTP);
        Type t;
        switch (type) {
            case OptionKeys.PROXY_TYPE_NONE -> {
                return null;
            }
            case OptionKeys.PROXY_TYPE_HTTP -> t = Type.HTTP;
            case OptionKeys.PROXY_TYPE_SOCKS -> t = Type.SOCKS;
            default -> throw invalid("unsupported proxy type " + type + " (HTTP, SOCKS or none)");
        }
        String host = p.getString(OptionKeys.PROXY_HOST);
        if (host == null || host.isBlank()) {
            throw invalid("the proxy dictionary has no host");
        }
        int port = p.getInt(OptionKeys.PROXY_PORT, t == Type.HTTP ? DEFAULT_HTTP_PORT : DEFAULT_SOCKS_PORT);
        if (port <= 0 || port > 65535) {
            throw invalid("proxy port out of range");
        }
        OptionsDict auth = p.getDict(OptionKeys.PROXY_AUTH);
        String user = auth == null ? null : auth.getString(OptionKeys.AUTH_USERNAME);
        String password = auth == null ? null : auth.getString(OptionKeys.AUTH_PASSWORD, "");
        return new ProxySpec(t, host, port, user, user == null ? null : password);
    }

    private static C4Exception invalid(String message) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.INVALID_PARAMETER, message);
    }

    @Override
    public String toString() {
        return "ProxySpec{" + type + " " + host + ":" + port + (username != null ? " as " + username : "") + "}";
    }
}
