package org.c4j.ws.internal.tls;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;

import org.c4j.socket.C4Exception;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.TlsIdentity;

/**
 * The TLS settings of a {@code wss:} client socket, from the options dictionary's LiteCore keys (parsed once,
 * pure): how to trust the server ({@code pinnedCert}, else {@code onlySelfSignedServer}, else {@code rootCerts},
 * else the JDK's trust store; see {@link ServerTrust}) and, with {@code auth} of type {@code Client Cert}, the
 * client identity from {@code clientCert} (the certificate chain, PEM or DER) and {@code clientCertKey} (its
 * private key, PEM or PKCS#8 DER). Certificate values may be bytes or PEM strings.
 *
 * <p>Immutable; thread-safe. Holds the client's private key: never log it.
 */
public final class TlsClientOptions {
    /** Label given to the client identity built from the options. */
    private static final String CLIENT_LABEL = "client certificate";

    private final ServerTrust trust;
    private final TlsIdentity clientIdentity;

    private TlsClientOptions(ServerTrust trust, TlsIdentity clientIdentity) {
        this.trust = trust;
        this.clientIdentity = clientIdentity;
    }

    /**
     * @throws C4Exception {@link org.c4j.socket.ErrorCodes.LiteCore#INVALID_PARAMETER} or
     *                     {@link org.c4j.socket.ErrorCodes.LiteCore#CORRUPT_DATA} for certificates or keys that do
     *                     not parse, a client certificate without its key, or values of the wrong type
     */
    public static TlsClientOptions parse(OptionsDict options) {
        ServerTrust trust;
        byte[] pinned = bytes(options, OptionKeys.PINNED_CERT);
        byte[] roots = bytes(options, OptionKeys.ROOT_CERTS);
        if (pinned != null) {
            trust = ServerTrust.pinned(Certificates.parse(pinned).get(0));
        } else if (options.getBool(OptionKeys.ONLY_SELF_SIGNED_SERVER, false)) {
            trust = ServerTrust.onlySelfSigned();
        } else if (roots != null) {
            trust = ServerTrust.roots(Certificates.parse(roots));
        } else {
            trust = JdkDefault.TRUST;
        }
        return new TlsClientOptions(trust, clientIdentity(options));
    }

    /** True if the options ask for client certificate authentication. */
    public static boolean wantsClientCert(OptionsDict options) {
        OptionsDict auth = options.getDict(OptionKeys.AUTH);
        return auth != null && OptionKeys.AUTH_TYPE_CLIENT_CERT.equals(auth.getString(OptionKeys.AUTH_TYPE));
    }

    /** A new JSSE context for one socket. */
    public SSLContext context() {
        return TlsContexts.client(trust, clientIdentity);
    }

    /** The identity presented to a server asking for a client certificate, or null. */
    public TlsIdentity clientIdentity() {
        return clientIdentity;
    }

    private static TlsIdentity clientIdentity(OptionsDict options) {
        if (!wantsClientCert(options)) {
            return null;
        }
        OptionsDict auth = options.getDict(OptionKeys.AUTH);
        byte[] cert = bytes(auth, OptionKeys.AUTH_CLIENT_CERT);
        byte[] key = bytes(auth, OptionKeys.AUTH_CLIENT_CERT_KEY);
        if (cert == null || key == null) {
            throw IdentityErrors.invalid("auth type '" + OptionKeys.AUTH_TYPE_CLIENT_CERT + "' needs both '"
                    + OptionKeys.AUTH_CLIENT_CERT + "' and '" + OptionKeys.AUTH_CLIENT_CERT_KEY + "'");
        }
        List<X509Certificate> chain = Certificates.parse(cert);
        return TlsIdentity.of(CLIENT_LABEL, Certificates.parsePrivateKey(key), chain);
    }

    /** A bytes value, or a string's UTF-8 bytes (PEM text), or null. */
    private static byte[] bytes(OptionsDict dict, String key) {
        Object v = dict.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return dict.getBytes(key);
    }

    @Override
    public String toString() {
        return "TlsClientOptions{" + trust.getClass().getSimpleName()
                + (clientIdentity == null ? "" : ", client " + clientIdentity) + "}";
    }

    /** The JDK's trust store, loaded once (reading {@code cacerts} takes tens of milliseconds). */
    private static final class JdkDefault {
        static final ServerTrust TRUST = ServerTrust.jdkDefault();
    }
}
