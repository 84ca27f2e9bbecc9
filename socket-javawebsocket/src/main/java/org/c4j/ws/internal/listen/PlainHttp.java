package org.c4j.ws.internal.listen;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.c4j.socket.PlainHttpHandler;
import org.c4j.socket.PlainHttpRequest;
import org.c4j.socket.PlainHttpResponse;
import org.c4j.ws.internal.CloseMapping;
import org.c4j.ws.internal.ConnectionListener;
import org.c4j.ws.internal.WsWire;
import org.c4j.ws.internal.http.HttpHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's answer to a plain HTTP request (not a WebSocket upgrade of {@code /<db>/_blipsync}) through the
 * transport's {@link PlainHttpHandler}: the body is bounded by {@link PlainHttpHandler#MAX_BODY_BYTES} (larger: 413;
 * chunked bodies: 411), the handler is called once, and its response is sent with {@code Content-Length} and
 * {@code Connection: close}; a handler that does not serve the path (null) leaves the policy's usual refusal, and one
 * that throws gets 500 (logged without the request). Stateless; thread-safe.
 */
public final class PlainHttp {
    private static final Logger LOG = LoggerFactory.getLogger(PlainHttp.class);
    private static final String TRANSFER_ENCODING = "Transfer-Encoding";

    private PlainHttp() {
    }

    /**
     * How the connection ends: after reading the body, with the handler's response (or, if it serves no such path,
     * {@code otherwise}'s refusal), held back by {@code delayFor(status, body)} (a failed login's delay).
     */
    static ConnectionListener.Stop stop(HttpHead.Request rq, PlainHttpHandler handler, InetSocketAddress remote,
                                        boolean tls,
                                        java.util.function.Supplier<UpgradePolicy.Decision> otherwise,
                                        java.util.function.BiFunction<Integer, byte[], java.time.Duration> delayFor) {
        if (rq.header(TRANSFER_ENCODING) != null) {
            return refuse(Rejection.of(411, "a Content-Length is required (no chunked bodies)"));
        }
        String lengthHeader = rq.header(WsWire.CONTENT_LENGTH);
        long length;
        try {
            length = lengthHeader == null ? 0 : Long.parseLong(lengthHeader.trim());
        } catch (NumberFormatException e) {
            return refuse(Rejection.of(WsWire.HTTP_BAD_REQUEST, "malformed Content-Length"));
        }
        if (length < 0) {
            return refuse(Rejection.of(WsWire.HTTP_BAD_REQUEST, "malformed Content-Length"));
        }
        if (length > PlainHttpHandler.MAX_BODY_BYTES) {
            return refuse(Rejection.of(413, "request body over " + PlainHttpHandler.MAX_BODY_BYTES + " bytes"));
        }
        String target = rq.target();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        return new ConnectionListener.Stop(null, null, null, (int) length, body -> {
            byte[] response;
            int status;
            PlainHttpResponse r;
            try {
                r = handler.handle(new PlainHttpRequest(rq.method(), path, query, rq.headers(), body, tls, remote));
            } catch (RuntimeException e) {
                LOG.warn("plain HTTP handler threw {} on {} {}", e.getClass().getName(), rq.method(), path);
                Rejection failed = Rejection.of(WsWire.HTTP_INTERNAL_ERROR, "internal error");
                return new ConnectionListener.Stop(failed.toBytes(), CloseMapping.httpStatus(500, "handler failed"));
            }
            if (r == null) {
                Rejection refusal = otherwise.get() instanceof UpgradePolicy.Reject reject ? reject.rejection()
                        : Rejection.of(WsWire.HTTP_NOT_FOUND, "not found");
                response = refusal.toBytes();
                status = refusal.status();
            } else {
                response = render(r);
                status = r.status();
            }
            return new ConnectionListener.Stop(response, CloseMapping.httpStatus(status, "plain HTTP " + status),
                    delayFor.apply(status, body));
        });
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 403 -> "Forbidden";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 413 -> "Payload Too Large";
            default -> WsWire.reasonPhrase(status);
        };
    }

    private static ConnectionListener.Stop refuse(Rejection r) {
        return new ConnectionListener.Stop(r.toBytes(), CloseMapping.httpStatus(r.status(), r.message()));
    }

    /** The whole HTTP/1.1 response; the connection closes after it. */
    static byte[] render(PlainHttpResponse r) {
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(r.status()).append(' ')
                .append(reason(r.status())).append("\r\n");
        for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(WsWire.CONTENT_LENGTH) || h.getKey().equalsIgnoreCase(WsWire.CONNECTION)) {
                continue;
            }
            for (String v : h.getValue()) {
                if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                    continue; // never let a handler split the response
                }
                head.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        head.append(WsWire.CONTENT_LENGTH).append(": ").append(r.body().length).append("\r\n")
                .append(WsWire.CONNECTION).append(": close\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + r.body().length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(r.body(), 0, all, h.length, r.body().length);
        return all;
    }
}
