package org.c4j.interop;

import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * RFC 6455 draft accepting only the {@code BLIP_3+CBMobile_3} subprotocol, which can also answer a handshake with
 * {@code 401 Unauthorized} and a {@code WWW-Authenticate: Basic} challenge.
 *
 * <p>Java-WebSocket can only refuse a handshake with 404 or 500, but the real Couchbase Lite client sends its
 * credentials only after a 401 challenge. {@link #reject(ServerHandshakeBuilder, String)} marks a response; this
 * draft then writes the 401 instead of the 101 upgrade. The caller must close the connection once the library
 * reports it "open". One instance per connection (the server copies it via {@link #copyInstance()}).
 */
final class BasicAuthDraft extends Draft_6455 {
    /** The only subprotocol LiteCore 3.0's passive replicator speaks here. */
    static final String SUBPROTOCOL = "BLIP_3+CBMobile_3";

    private static final short UNAUTHORIZED = 401;
    private static final String CHALLENGE_HEADER = "WWW-Authenticate";

    BasicAuthDraft() {
        super(Collections.emptyList(), List.<IProtocol>of(new Protocol(SUBPROTOCOL)));
    }

    /** Turns the response being built into a 401 challenge for Basic credentials in {@code realm}. */
    static void reject(ServerHandshakeBuilder response, String realm) {
        response.setHttpStatus(UNAUTHORIZED);
        response.setHttpStatusMessage("Unauthorized");
        response.put(CHALLENGE_HEADER, "Basic realm=\"" + realm + "\"");
    }

    @Override
    public List<ByteBuffer> createHandshake(Handshakedata handshake, boolean withContent) {
        if (handshake instanceof ServerHandshake response && response.getHttpStatus() == UNAUTHORIZED) {
            String http = "HTTP/1.1 401 Unauthorized\r\n"
                + CHALLENGE_HEADER + ": " + response.getFieldValue(CHALLENGE_HEADER) + "\r\n"
                + "Content-Length: 0\r\n"
                + "Connection: close\r\n\r\n";
            return List.of(ByteBuffer.wrap(http.getBytes(StandardCharsets.US_ASCII)));
        }
        return super.createHandshake(handshake, withContent);
    }

    @Override
    public Draft copyInstance() {
        return new BasicAuthDraft();
    }
}
