package org.c4j.socket;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a listener transport saw of an upgrade request, handed to its {@link UpgradeAuthenticator}. Immutable;
 * thread-safe (the lists and map are copies; certificates are immutable).
 *
 * <p><b>Contract rule:</b> carries what the client sent, including the authentication headers its transport built
 * from the {@code auth} option ({@code AUTH_HEADERS_BUILT} in socket-testkit's conformance suite); never printed
 * with them.
 *
 * @param method            the HTTP method, e.g. {@code GET}
 * @param path              the request path, e.g. {@code /db/_blipsync}
 * @param database          the database named by the path, percent-decoded, or {@code null} if the path names none
 * @param headers           the request's headers, names as received (use {@link #header} for a case-insensitive look-up)
 * @param remote            the peer's address, if known
 * @param tls               whether the connection is TLS ({@code wss://})
 * @param clientCertificates the client's certificate chain, leaf first, as verified by the transport's TLS trust rules;
 *                          empty without TLS or without a client certificate
 */
public record AuthRequest(String method, String path, String database, Map<String, List<String>> headers,
                          InetSocketAddress remote, boolean tls, List<X509Certificate> clientCertificates) {
    public AuthRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = HttpHeaders.copy(headers);
        clientCertificates = clientCertificates == null ? List.of() : List.copyOf(clientCertificates);
    }

    /** The first value of the named header, ignoring the name's case, or {@code null}. */
    public String header(String name) {
        return HttpHeaders.first(headers, name);
    }

    /** Every value of the named header, ignoring the name's case (possibly empty). */
    public List<String> headerValues(String name) {
        return HttpHeaders.all(headers, name);
    }

    @Override
    public String toString() {
        // headers may carry credentials: never printed
        return "AuthRequest{" + method + " " + path + " from " + remote + (tls ? " tls" : "")
                + ", " + clientCertificates.size() + " client certificate(s)}";
    }
}
