package org.c4j.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.c4j.socket.ErrorCodes.Network;
import org.c4j.socket.ErrorCodes.WebSocket;
import org.junit.jupiter.api.Test;

class TransportErrorsTest {

    private static void assertError(C4Exception e, ErrorDomain domain, int code) {
        assertEquals(domain, e.domain(), e.toString());
        assertEquals(code, e.code(), e.toString());
    }

    @Test
    void webSocketClose() {
        assertNull(TransportErrors.fromWebSocketClose(1000, "bye"));

        C4Exception e = TransportErrors.fromWebSocketClose(4001, "try later");
        assertError(e, ErrorDomain.WEBSOCKET, 4001);
        assertEquals("try later", e.getMessage());
        assertTrue(e.isTransient());

        C4Exception abnormal = TransportErrors.fromWebSocketClose(1006, "");
        assertError(abnormal, ErrorDomain.WEBSOCKET, 1006);
        assertEquals("connection closed abnormally", abnormal.getMessage());
        assertTrue(abnormal.isTransient());

        assertError(TransportErrors.fromWebSocketClose(1001, null), ErrorDomain.WEBSOCKET, 1001);
        assertEquals("WebSocket closed with code 3999", TransportErrors.fromWebSocketClose(3999, " ").getMessage());
        assertTrue(TransportErrors.fromWebSocketClose(WebSocket.CLOSE_APP_PERMANENT, "no").isPermanent());
    }

    @Test
    void httpStatus() {
        assertNull(TransportErrors.fromHttpStatus(101, "Switching Protocols"));

        C4Exception unauthorized = TransportErrors.fromHttpStatus(401, "Unauthorized");
        assertError(unauthorized, ErrorDomain.WEBSOCKET, 401);
        assertEquals("Unauthorized", unauthorized.getMessage());
        assertTrue(unauthorized.isPermanent());

        C4Exception unavailable = TransportErrors.fromHttpStatus(503, null);
        assertError(unavailable, ErrorDomain.WEBSOCKET, 503);
        assertEquals("HTTP status 503", unavailable.getMessage());
        assertTrue(unavailable.isTransient());

        assertError(TransportErrors.fromHttpStatus(302, "Found"), ErrorDomain.WEBSOCKET, 302);
        assertError(TransportErrors.fromHttpStatus(200, "OK"), ErrorDomain.WEBSOCKET, WebSocket.CLOSE_PROTOCOL_ERROR);
        assertError(TransportErrors.fromHttpStatus(0, null), ErrorDomain.WEBSOCKET, WebSocket.CLOSE_PROTOCOL_ERROR);
        assertError(TransportErrors.fromHttpStatus(700, null), ErrorDomain.WEBSOCKET, WebSocket.CLOSE_PROTOCOL_ERROR);
    }

    private static void assertIo(IOException io, int code) {
        C4Exception e = TransportErrors.fromJavaIo(io);
        assertError(e, ErrorDomain.NETWORK, code);
        assertSame(io, e.getCause());
    }

    @Test
    void javaIoByType() {
        assertIo(new ConnectException("Connection refused"), Network.CONNECTION_REFUSED);
        assertIo(new ConnectException(), Network.CONNECTION_REFUSED);
        assertIo(new UnknownHostException("nowhere.invalid"), Network.UNKNOWN_HOST);
        assertIo(new SocketTimeoutException("Read timed out"), Network.TIMEOUT);
        assertIo(new NoRouteToHostException("No route to host"), Network.HOST_UNREACHABLE);
        assertIo(new NoRouteToHostException(), Network.HOST_UNREACHABLE);
        assertIo(new BindException("Address already in use"), Network.ADDRESS_NOT_AVAILABLE);
        assertIo(new SSLHandshakeException("no cipher suites in common"), Network.TLS_HANDSHAKE_FAILED);
        assertIo(new SSLPeerUnverifiedException("peer not authenticated"), Network.TLS_CERT_UNTRUSTED);
        assertIo(new EOFException("eof"), Network.UNKNOWN);
        assertIo(new IOException(), Network.UNKNOWN);
    }

    @Test
    void javaIoByMessage() {
        assertIo(new SocketException("Connection reset"), Network.CONNECTION_RESET);
        assertIo(new SocketException("Connection reset by peer"), Network.CONNECTION_RESET);
        assertIo(new SocketException("An existing connection was forcibly closed by the remote host"),
                Network.CONNECTION_RESET);
        assertIo(new SocketException("Broken pipe (Write failed)"), Network.BROKEN_PIPE);
        assertIo(new SocketException("Software caused connection abort: recv failed"), Network.CONNECTION_ABORTED);
        assertIo(new SocketException("Network is unreachable"), Network.NETWORK_UNREACHABLE);
        assertIo(new ConnectException("Network is unreachable: connect"), Network.NETWORK_UNREACHABLE);
        assertIo(new ConnectException("Connection timed out"), Network.TIMEOUT);
        assertIo(new SocketException("Host is down"), Network.HOST_DOWN);
        assertIo(new SocketException("Socket is not connected"), Network.NOT_CONNECTED);
        assertIo(new BindException("Cannot assign requested address"), Network.ADDRESS_NOT_AVAILABLE);
        assertIo(new SocketException("Socket closed"), Network.UNKNOWN);
        assertIo(new SocketException(), Network.UNKNOWN);
    }

    @Test
    void tlsCertificateCauses() {
        SSLHandshakeException expired = new SSLHandshakeException("PKIX path validation failed");
        expired.initCause(new CertificateException("validity check failed",
                new CertificateExpiredException("NotAfter: 2020")));
        assertIo(expired, Network.TLS_CERT_EXPIRED);

        SSLHandshakeException untrusted = new SSLHandshakeException("pinned certificate mismatch");
        untrusted.initCause(new CertificateException("not the pinned certificate"));
        assertIo(untrusted, Network.TLS_CERT_UNTRUSTED);

        SSLHandshakeException noRoot = new SSLHandshakeException("PKIX path building failed");
        noRoot.initCause(new CertificateException("path building failed",
                new java.security.cert.CertPathBuilderException("unable to find valid certification path")));
        assertIo(noRoot, Network.TLS_CERT_UNKNOWN_ROOT);
    }

    @Test
    void tlsAlertsAndCarriedVerdicts() {
        assertIo(new javax.net.ssl.SSLException("Received fatal alert: bad_certificate"),
                Network.TLS_CERT_REJECTED_BY_PEER);
        assertIo(new SSLHandshakeException("Received fatal alert: certificate_unknown"),
                Network.TLS_CERT_REJECTED_BY_PEER);
        assertIo(new javax.net.ssl.SSLException("Received fatal alert: certificate_required"),
                Network.TLS_CERT_REQUIRED_BY_PEER);
        assertIo(new SSLHandshakeException("Received fatal alert: protocol_version"), Network.TLS_HANDSHAKE_FAILED);
        assertIo(new javax.net.ssl.SSLException("Unsupported or unrecognized SSL message"),
                Network.TLS_HANDSHAKE_FAILED);
        assertIo(new SSLHandshakeException("No subject alternative names matching IP address 10.0.0.1 found"),
                Network.TLS_CERT_NAME_MISMATCH);

        // A c4j trust manager's verdict travels inside the CertificateException JSSE requires, and wins.
        C4Exception verdict = new C4Exception(ErrorDomain.NETWORK, Network.TLS_CERT_NAME_MISMATCH, "not my host");
        SSLHandshakeException carried = new SSLHandshakeException("certificate_unknown");
        carried.initCause(new CertificateException("not my host", verdict));
        assertSame(verdict, TransportErrors.fromJavaIo(carried));
        assertFalse(TransportErrors.fromJavaIo(carried).isTransient());

        for (int code : new int[] {Network.TLS_HANDSHAKE_FAILED, Network.TLS_CERT_EXPIRED, Network.TLS_CERT_UNTRUSTED,
                Network.TLS_CERT_REQUIRED_BY_PEER, Network.TLS_CERT_REJECTED_BY_PEER, Network.TLS_CERT_UNKNOWN_ROOT,
                Network.TLS_CERT_NAME_MISMATCH}) {
            assertTrue(new C4Exception(ErrorDomain.NETWORK, code, "x").isPermanent(), "code " + code);
        }
    }

    @Test
    void aTlsClientWithoutCertificateRefusedForItWasAskedForOne() {
        C4Exception rejected = TransportErrors.fromJavaIo(
                new javax.net.ssl.SSLException("Received fatal alert: bad_certificate"));
        assertEquals(Network.TLS_CERT_REQUIRED_BY_PEER, TransportErrors.forTlsClient(rejected, false).code());
        assertSame(rejected, TransportErrors.forTlsClient(rejected, true));
        C4Exception other = new C4Exception(ErrorDomain.NETWORK, Network.TIMEOUT, "t");
        assertSame(other, TransportErrors.forTlsClient(other, false));
        assertNull(TransportErrors.forTlsClient(null, false));
    }

    @Test
    void javaIoMessageKeepsDetail() {
        C4Exception e = TransportErrors.fromJavaIo(new UnknownHostException("nowhere.invalid"));
        assertEquals("unknown host: nowhere.invalid", e.getMessage());
        assertTrue(e.isNetworkDependent());
        assertEquals("network error: IOException", TransportErrors.fromJavaIo(new IOException()).getMessage());
    }
}
