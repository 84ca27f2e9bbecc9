package org.c4j.cli.internal.command;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.Locale;

import org.c4j.cli.internal.CommandException;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.ws.TlsIdentities;
import org.c4j.ws.TlsIdentity;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sync}'s TLS options, as LiteCore option keys: {@code --pinned-cert FILE} ({@code pinnedCert}: accept
 * exactly that certificate), {@code --self-signed-only} ({@code onlySelfSignedServer}), {@code --ca-cert FILE}
 * ({@code rootCerts}: trust these roots, host name checked); none of them: the JDK's trust store.
 * {@code --client-identity LABEL|FILE.p12} presents a client certificate ({@code auth} of type {@code Client Cert}):
 * an identity from DIR's store, or a PKCS#12 file opened with {@code --identity-password}.
 *
 * <p>Not thread-safe: picocli makes one per command per run. Holds no secret after {@link #add} returns.
 */
final class TlsTrust {
    @Option(names = "--pinned-cert", paramLabel = "FILE",
            description = "wss: accept exactly this server certificate (PEM or DER), no host name check")
    Path pinnedCert;

    @Option(names = "--self-signed-only", description = "wss: accept any self-signed server certificate, only those")
    boolean selfSignedOnly;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "wss: trust these root certificates (PEM) instead of the JDK's; host name checked")
    Path caCert;

    @Option(names = "--client-identity", paramLabel = "LABEL|FILE.p12",
            description = "wss: present this client certificate (an identity in DIR's store, or a PKCS#12 file)")
    String clientIdentity;

    @Option(names = "--identity-password", paramLabel = "PW", description = "the --client-identity file's password")
    String identityPassword;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** {@code base} plus the TLS options; usage errors for combinations that make no sense. */
    OptionsDict add(Path dir, URI url, OptionsDict base) {
        int trust = (pinnedCert != null ? 1 : 0) + (caCert != null ? 1 : 0) + (selfSignedOnly ? 1 : 0);
        if (trust > 1) {
            throw usage("--pinned-cert, --self-signed-only and --ca-cert exclude each other");
        }
        boolean secure = url.getScheme() != null && url.getScheme().toLowerCase(Locale.ROOT).equals("wss");
        if (!secure && (trust > 0 || clientIdentity != null)) {
            throw usage("TLS options need a wss:// URL");
        }
        if (identityPassword != null && clientIdentity == null) {
            throw usage("--identity-password goes with --client-identity FILE.p12");
        }
        OptionsDict.Builder b = base.toBuilder();
        if (pinnedCert != null) {
            b.put(OptionKeys.PINNED_CERT, der(pinnedCert));
        } else if (caCert != null) {
            b.put(OptionKeys.ROOT_CERTS, TlsIdentities.toPem(CliIdentities.certificates(caCert.toString(),
                    "CA certificate file")));
        } else if (selfSignedOnly) {
            b.put(OptionKeys.ONLY_SELF_SIGNED_SERVER, true);
        }
        if (clientIdentity != null) {
            if (base.contains(OptionKeys.AUTH)) {
                throw usage("--client-identity excludes --user/--password and --session");
            }
            TlsIdentity identity = identity(dir);
            b.putDict(OptionKeys.AUTH, OptionsDict.builder()
                    .put(OptionKeys.AUTH_TYPE, OptionKeys.AUTH_TYPE_CLIENT_CERT)
                    .put(OptionKeys.AUTH_CLIENT_CERT, identity.certificateChainPem())
                    .put(OptionKeys.AUTH_CLIENT_CERT_KEY, identity.privateKey().getEncoded()).build());
        }
        return b.build();
    }

    private TlsIdentity identity(Path dir) {
        boolean file = clientIdentity.toLowerCase(Locale.ROOT).endsWith(".p12")
                && Files.exists(Path.of(clientIdentity));
        if (identityPassword != null || file) {
            if (identityPassword == null) {
                throw usage("--client-identity FILE.p12 needs --identity-password");
            }
            return TlsIdentities.readPkcs12(CliIdentities.read(clientIdentity, "PKCS#12 file"),
                    identityPassword.toCharArray(), "client");
        }
        return TlsIdentities.get(CliIdentities.store(dir), clientIdentity);
    }

    private static byte[] der(Path file) {
        try {
            return CliIdentities.certificates(file.toString(), "pinned certificate").get(0).getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CommandException("cannot encode the pinned certificate: " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
