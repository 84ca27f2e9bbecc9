package org.c4j.ws.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.c4j.ws.internal.Tuning;
import org.c4j.ws.internal.WsWire;

/**
 * Pure codec for HTTP/1.1 heads (start line plus header fields, RFC 7230 §3), as exchanged by a WebSocket
 * upgrade: finds where a head ends in received bytes and parses request and response heads. Header maps are
 * case-insensitive ({@link String#CASE_INSENSITIVE_ORDER}), keep the first spelling of each name and every value
 * in order, and are unmodifiable. Stateless; thread-safe; never keeps the caller's arrays.
 */
public final class HttpHead {
    private HttpHead() {
    }

    /** A parsed request head. {@code target} is the request-target as sent (path plus optional query). */
    public record Request(String method, String target, Map<String, List<String>> headers) {
        /** The first value of header {@code name}, or {@code null}. */
        public String header(String name) {
            return first(headers, name);
        }

        /** The target without its query. */
        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }
    }

    /** A parsed response head. */
    public record Response(int status, String reason, Map<String, List<String>> headers) {
        /** The first value of header {@code name}, or {@code null}. */
        public String header(String name) {
            return first(headers, name);
        }
    }

    /**
     * Where the head in {@code buf[0..length)} ends: the index just past its blank line (CR LF CR LF), or -1 if
     * the head is not complete yet. The search starts at {@code from - 3} so a caller can resume after more bytes
     * arrive without rescanning.
     */
    public static int endOf(byte[] buf, int from, int length) {
        for (int i = Math.max(0, from - 3); i + 3 < length; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** Parses the request head in {@code buf[0..headLength)} (which must end with the blank line). */
    public static Request parseRequest(byte[] buf, int headLength) throws HttpFormatException {
        List<String> lines = lines(buf, headLength);
        String[] parts = lines.get(0).split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            throw new HttpFormatException("malformed HTTP request line");
        }
        return new Request(parts[0], parts[1], headers(lines));
    }

    /** Parses the response head in {@code buf[0..headLength)} (which must end with the blank line). */
    public static Response parseResponse(byte[] buf, int headLength) throws HttpFormatException {
        List<String> lines = lines(buf, headLength);
        String line = lines.get(0);
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' '
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new HttpFormatException("malformed HTTP status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpFormatException("malformed HTTP status code");
            }
            status = status * 10 + (c - '0');
        }
        String reason = line.length() > 13 ? line.substring(13) : "";
        return new Response(status, reason, headers(lines));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    /** The head's lines without their CR LF, up to (not including) the blank line. */
    private static List<String> lines(byte[] buf, int headLength) throws HttpFormatException {
        if (headLength < 4 || endOf(buf, 0, headLength) != headLength) {
            throw new HttpFormatException("HTTP head does not end with a blank line");
        }
        String text = new String(buf, 0, headLength - 4, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (true) {
            int cr = text.indexOf("\r\n", start);
            String line = cr < 0 ? text.substring(start) : text.substring(start, cr);
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if ((c < ' ' && c != '\t') || c == 0x7F) {
                    throw new HttpFormatException("control character in HTTP head");
                }
            }
            lines.add(line);
            if (cr < 0) {
                return lines;
            }
            start = cr + 2;
        }
    }

    private static Map<String, List<String>> headers(List<String> lines) throws HttpFormatException {
        if (lines.size() - 1 > Tuning.MAX_HEADER_FIELDS) {
            throw new HttpFormatException(WsWire.HTTP_HEADER_TOO_LARGE,
                    "more than " + Tuning.MAX_HEADER_FIELDS + " HTTP header fields");
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                throw new HttpFormatException("malformed HTTP header field");
            }
            String value = line.substring(colon + 1).trim();
            headers.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>()).add(value);
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(headers);
    }

    /** RFC 7230 token: one or more visible ASCII characters other than delimiters. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
