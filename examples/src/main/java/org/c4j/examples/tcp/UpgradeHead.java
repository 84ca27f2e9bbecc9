package org.c4j.examples.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;

/**
 * The HTTP/1.1 WebSocket upgrade (RFC 6455 section 4), as text: building and reading request and response heads,
 * the accept key, and the request headers the options dictionary asks for. Pure apart from {@link #read}, which
 * reads one head from a stream; thread-safe.
 */
final class UpgradeHead {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    static final String SUBPROTOCOL = "BLIP_3+CBMobile_3";

    /** A parsed head: the start line's three parts and the headers (case-insensitive names). */
    record Head(String first, String second, String third, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private UpgradeHead() {
    }

    /** The {@code Sec-WebSocket-Accept} answer to {@code key}. */
    static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always present", e);
        }
    }

    /**
     * The headers a client sends for {@code options}: {@code headers} entries, {@code Authorization: Basic}
     * (preemptive) or {@code Bearer}, the {@code SyncGatewaySession} cookie and {@code cookies} in one
     * {@code Cookie} header, and {@code Sec-WebSocket-Protocol} from {@code WS-Protocols}.
     *
     * @throws C4Exception {@link ErrorDomain#LITECORE} {@link ErrorCodes.LiteCore#INVALID_PARAMETER} for a value
     *                     with a line break, or an auth type this transport does not support
     */
    static Map<String, String> clientHeaders(OptionsDict options) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<String> cookies = new ArrayList<>();
        OptionsDict extra = options.getDict(OptionKeys.HEADERS);
        if (extra != null) {
            for (String name : extra.keys()) {
                String value = clean(extra.getString(name, ""));
                if (name.equalsIgnoreCase("Cookie")) {
                    cookies.add(value);
                } else {
                    out.put(clean(name), value);
                }
            }
        }
        OptionsDict auth = options.getDict(OptionKeys.AUTH);
        if (auth != null) {
            String type = auth.getString(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_BASIC);
            String token = auth.getString(OptionKeys.AUTH_TOKEN);
            switch (type) {
                case OptionKeys.AUTH_TYPE_BASIC -> {
                    String user = auth.getString(OptionKeys.AUTH_USERNAME, "");
                    String password = auth.getString(OptionKeys.AUTH_PASSWORD, "");
                    out.put("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
                }
                case OptionKeys.AUTH_TYPE_SESSION -> cookies.add(0, OptionKeys.DEFAULT_SESSION_COOKIE_NAME + "="
                        + clean(required(token, type)));
                case OptionKeys.AUTH_TYPE_OPENID_CONNECT -> out.put("Authorization", "Bearer "
                        + clean(required(token, type)));
                default -> throw invalid("auth type '" + type + "' is not supported by the TCP transport");
            }
        }
        String cookieOption = options.getString(OptionKeys.COOKIES);
        if (cookieOption != null && !cookieOption.isBlank()) {
            cookies.add(clean(cookieOption.trim()));
        }
        if (!cookies.isEmpty()) {
            out.put("Cookie", String.join("; ", cookies));
        }
        out.put("Sec-WebSocket-Protocol", clean(options.getString(OptionKeys.WS_PROTOCOLS, SUBPROTOCOL)));
        return out;
    }

    /** The upgrade request for {@code address} with {@code headers} and {@code key}. */
    static byte[] request(URI address, Map<String, String> headers, String key) {
        String path = address.getRawPath() == null || address.getRawPath().isEmpty() ? "/" : address.getRawPath();
        StringBuilder b = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", address.getHost() + (address.getPort() < 0 ? "" : ":" + address.getPort()));
        all.put("Upgrade", "websocket");
        all.put("Connection", "Upgrade");
        all.put("Sec-WebSocket-Key", key);
        all.put("Sec-WebSocket-Version", "13");
        all.putAll(headers);
        all.forEach((name, value) -> b.append(name).append(": ").append(value).append("\r\n"));
        return b.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A response head with {@code status} and {@code headers}, each value on its own line (no body). */
    static byte[] response(int status, String reason, Map<String, List<String>> headers) {
        StringBuilder b = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(clean(reason))
                .append("\r\n");
        headers.forEach((name, values) -> values.forEach(
                value -> b.append(clean(name)).append(": ").append(clean(value)).append("\r\n")));
        return b.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads one head (start line and headers, up to the blank line) from {@code in}, leaving the bytes after it
     * unread. {@link IOException} if the stream ends first or the head exceeds {@code max} bytes.
     */
    static Head read(InputStream in, int max) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last = 0; // the last four bytes read
        while (last != 0x0D0A0D0A) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection ended inside the HTTP head");
            }
            if (head.size() >= max) {
                throw new IOException("HTTP head over " + max + " bytes");
            }
            head.write(c);
            last = (last << 8) | c;
        }
        String[] lines = head.toString(StandardCharsets.UTF_8).split("\r\n");
        String[] start = lines[0].split(" ", 3);
        if (start.length < 2) {
            throw new IOException("bad HTTP start line");
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        return new Head(start[0], start[1], start.length > 2 ? start[2] : "", headers);
    }

    /** True if {@code value} (a comma-separated header) contains {@code token}, ignoring case. */
    static boolean hasToken(String value, String token) {
        if (value == null) {
            return false;
        }
        for (String part : value.split(",")) {
            if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static String required(String token, String type) {
        if (token == null || token.isEmpty()) {
            throw invalid("auth type '" + type + "' needs a token");
        }
        return token;
    }

    private static String clean(String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw invalid("header value with a line break");
        }
        return value;
    }

    private static C4Exception invalid(String message) {
        return new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.INVALID_PARAMETER, message);
    }
}
