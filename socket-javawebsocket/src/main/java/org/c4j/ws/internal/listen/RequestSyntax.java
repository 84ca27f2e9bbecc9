package org.c4j.ws.internal.listen;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.c4j.ws.internal.WsWire;
import org.c4j.ws.internal.http.HttpHead;

/**
 * Syntax checks a listener applies to a parsed upgrade request before any policy decision, so that malformed
 * input gets {@code 400 Bad Request} instead of being half-understood: the request-target must be an
 * origin-form path of ASCII characters whose percent escapes are well formed and decode to valid UTF-8 without
 * control characters (RFC 3986, RFC 7230 §5.3.1); a {@code Basic} {@code Authorization} value must be valid
 * base64 of valid UTF-8 containing a colon (RFC 7617 §2). Absent credentials are not malformed (the policy
 * answers 401). Pure; thread-safe.
 */
public final class RequestSyntax {
    private RequestSyntax() {
    }

    /** What is malformed in {@code rq} (a description without header values), or null if nothing is. */
    public static String problem(HttpHead.Request rq) {
        String target = rq.target();
        if (!target.startsWith("/")) {
            return "the request target is not a path";
        }
        String path = rq.path();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                return "non-ASCII or control character in the request target";
            }
        }
        if (!validEscapes(path)) {
            return "malformed percent-encoding or UTF-8 in the request path";
        }
        String authorization = rq.header(WsWire.AUTHORIZATION);
        if (authorization != null && malformedBasic(authorization.trim())) {
            return "malformed Basic credentials";
        }
        return null;
    }

    /** True if every %XX escape in {@code path} is complete and the decoded bytes are UTF-8 without controls. */
    static boolean validEscapes(String path) {
        byte[] bytes = new byte[path.length()];
        int n = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length()) {
                    return false;
                }
                int hi = Character.digit(path.charAt(i + 1), 16);
                int lo = Character.digit(path.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        String decoded = strictUtf8(bytes, n);
        if (decoded == null) {
            return false;
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < ' ' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** True for a {@code Basic} value that is not base64 of UTF-8 {@code user:password}; other schemes pass. */
    static boolean malformedBasic(String value) {
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.equalsIgnoreCase(WsWire.BASIC)) {
            return false;
        }
        if (space < 0) {
            return true;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value.substring(space + 1).trim());
        } catch (IllegalArgumentException e) {
            return true;
        }
        String decoded = strictUtf8(raw, raw.length);
        return decoded == null || decoded.indexOf(':') < 0;
    }

    /** {@code bytes[0..n)} as UTF-8, or null if they are not valid UTF-8. */
    private static String strictUtf8(byte[] bytes, int n) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
