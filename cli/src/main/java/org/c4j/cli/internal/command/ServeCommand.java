package org.c4j.cli.internal.command;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import org.c4j.cli.internal.CommandException;
import org.c4j.cli.internal.CommandIo;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.ws.CertificateAttributes;
import org.c4j.ws.ClientCertificateAuthenticator;
import org.c4j.ws.IdentityStore;
import org.c4j.ws.TlsIdentities;
import org.c4j.ws.TlsIdentity;
import org.c4j.ws.WebSocketListenerTransport;

import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: serves the database in DIR to replication peers over wss (the replicator module's {@link Listener}
 * on the Java-WebSocket {@link WebSocketListenerTransport}; plain ws with {@code --no-tls}) until stopped, then
 * closes every connection and the database.
 * Prints exactly one line on stdout once listening: {@code listening wss://HOST:PORT/NAME}, HOST being the bound
 * address ({@code 0.0.0.0} when listening on every interface; the reachable URLs then go to stderr).
 *
 * <p>TLS identity: {@code --identity LABEL} from DIR's identity store (created on first use: EC P-256, valid a
 * year, naming localhost, 127.0.0.1 and the {@code --host}), {@code --import-identity FILE.p12
 * --identity-password PW} (saved in the store under {@code --identity} or the file's base name), else the store's
 * anonymous identity (made once, reused on every start). {@code --cert-out FILE} writes the served certificate
 * (PEM) for clients to pin; {@code --client-cert-roots FILE} requires client certificates issued by those roots.
 *
 * <p>Not thread-safe: picocli makes one per run. {@link #call} blocks until the stop signal fires.
 */
@Command(name = "serve", description = {"Serve the database to replication peers at wss://HOST:PORT/NAME until "
        + "SIGINT/SIGTERM; prints \"listening wss://HOST:PORT/NAME\" once listening. The TLS identity is DIR's "
        + "anonymous one (made once, reused) unless --identity or --import-identity; --no-tls serves plain ws://."})
public final class ServeCommand implements Callable<Integer> {
    /** How long an identity made by {@code --identity} on first use is valid. */
    private static final Duration CREATED_VALIDITY = Duration.ofDays(365);

    @Parameters(index = "0", paramLabel = "DIR", description = "the database directory (created if needed)")
    Path dir;

    @Option(names = "--port", paramLabel = "P", required = true, description = "the port; 0 picks a free one")
    int port;

    @Option(names = "--host", paramLabel = "ADDR",
            description = "listen on this address or interface name only (default: every interface)")
    String host;

    @Option(names = "--db", paramLabel = "NAME", description = "the database's name in URLs (default: DIR's name)")
    String name;

    @Option(names = "--no-tls", description = "serve plain ws:// (passwords would cross the network in clear text)")
    boolean noTls;

    @Option(names = "--identity", paramLabel = "LABEL",
            description = "serve this identity from DIR's store (created on first use); with --import-identity, "
                    + "the label to save it under")
    String identity;

    @Option(names = "--import-identity", paramLabel = "FILE.p12",
            description = "serve the identity in this PKCS#12 file (saved in DIR's store)")
    Path importIdentity;

    @Option(names = "--identity-password", paramLabel = "PW", description = "the PKCS#12 file's password")
    String identityPassword;

    @Option(names = "--cert-out", paramLabel = "FILE.pem", description = "write the served certificate (PEM)")
    Path certOut;

    @Option(names = "--client-cert-roots", paramLabel = "FILE.pem",
            description = "require client certificates issued by these root certificates")
    Path clientCertRoots;

    @Option(names = "--readonly", description = "refuse pushes: peers may only pull")
    boolean readonly;

    @Option(names = "--delta-sync", description = "exchange edits as deltas with peers that take them "
            + "(off by default, as in Couchbase Lite)")
    boolean deltaSync;

    @Mixin
    Credentials credentials;

    @Option(names = "--admin-port", paramLabel = "P",
            description = "serve Sync Gateway's admin REST API (users, roles, sessions) on 127.0.0.1:P (0 picks)")
    Integer adminPort;

    @Option(names = "--oidc", paramLabel = "FILE",
            description = "trust the OpenID Connect token issuers in FILE (Sync Gateway 3.1 local_jwt JSON)")
    Path oidc;

    @Option(names = "--guest", description = "let clients without credentials in as the GUEST user (all channels)")
    boolean guest;

    @Spec
    CommandSpec spec;

    private final CommandIo io;

    public ServeCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535, not " + port);
        }
        if (name != null && (name.isEmpty() || name.contains("/"))) {
            throw new ParameterException(spec.commandLine(), "--db must be a non-empty name without '/'");
        }
        boolean auth = credentials.given();
        boolean accountsMode = adminPort != null || oidc != null || guest || AccountsDir.exists(dir);
        if (auth && accountsMode) {
            throw new ParameterException(spec.commandLine(), "--user/--password serve one fixed user; with accounts "
                    + "(--admin-port, --oidc, --guest, or 'c4 user add') add users instead");
        }
        if (adminPort != null && (adminPort < 0 || adminPort > 65535)) {
            throw new ParameterException(spec.commandLine(), "--admin-port must be from 0 to 65535");
        }
        String oidcJson = null;
        if (oidc != null) {
            try {
                oidcJson = java.nio.file.Files.readString(oidc);
            } catch (java.io.IOException e) {
                throw new org.c4j.cli.internal.CommandException("can't read " + oidc + ": " + e.getMessage());
            }
        }
        checkTlsOptions();
        io.stop().watch();
        if (noTls && auth) {
            io.err().println("c4: warning: --no-tls sends passwords in clear text");
        }
        try (OpenDatabase open = OpenDatabase.open(dir, true);
             ServedAccounts accounts = accountsMode ? ServedAccounts.open(dir, oidcJson, guest, adminPort) : null) {
            WebSocketListenerTransport.Builder b = WebSocketListenerTransport.builder().port(port)
                    .networkInterface(host);
            if (accounts != null) {
                b.upgradeAuthenticator(accounts.authenticator()).httpHandler(accounts.sessionEndpoint());
                if (accounts.adminUrl() != null) {
                    io.err().println("c4: admin API at " + accounts.adminUrl());
                }
            } else {
                b.authenticator(auth ? credentials.authenticator() : null);
            }
            if (noTls) {
                b.disableTls();
            } else {
                configureTls(b, CliIdentities.store(dir));
            }
            WebSocketListenerTransport transport = b.build();
            ListenerConfig config = ListenerConfig.of(open.database()).withReadOnly(readonly)
                    .withDeltaSync(deltaSync);
            if (name != null) {
                config = config.withDatabaseName(name);
            }
            Listener listener = new Listener(transport, config);
            listener.start();
            try {
                if (certOut != null) {
                    CliIdentities.write(certOut.toString(), transport.tlsIdentity().certificatePem()
                            .getBytes(StandardCharsets.US_ASCII), "certificate file");
                }
                io.out().println("listening " + (noTls ? "ws" : "wss") + "://" + host(transport.address()) + ":"
                        + listener.port() + "/" + config.databaseName());
                io.out().flush();
                if (transport.address().getAddress().isAnyLocalAddress()) {
                    for (URI url : listener.urls()) {
                        io.err().println("c4: reachable at " + url);
                    }
                }
                io.stop().awaitRequest();
            } finally {
                listener.stop();
            }
        }
        return ExitCode.OK;
    }

    private void checkTlsOptions() {
        if (noTls && (identity != null || importIdentity != null || identityPassword != null || certOut != null
                || clientCertRoots != null)) {
            throw new ParameterException(spec.commandLine(), "TLS options need TLS: drop --no-tls");
        }
        if ((importIdentity == null) != (identityPassword == null)) {
            throw new ParameterException(spec.commandLine(), "--import-identity and --identity-password go together");
        }
    }

    /** The identity to serve and the client certificate roots; reads and may write DIR's identity store. */
    private void configureTls(WebSocketListenerTransport.Builder builder, IdentityStore store) {
        TlsIdentity served = null;
        if (importIdentity != null) {
            String label = identity != null ? identity : baseName(importIdentity);
            TlsIdentity read = TlsIdentities.readPkcs12(CliIdentities.read(importIdentity.toString(), "PKCS#12 file"),
                    identityPassword.toCharArray(), label);
            TlsIdentity saved = store.load(label).orElse(null);
            if (saved == null) {
                store.save(read);
            } else if (!saved.certificate().equals(read.certificate())) {
                throw new CommandException("identity '" + label + "' exists with another certificate; remove it with"
                        + " 'c4 identity rm' or import under another --identity");
            }
            served = read;
        } else if (identity != null) {
            served = store.load(identity).orElse(null);
            if (served == null) {
                CertificateAttributes.Builder a = CertificateAttributes.builder(identity).dnsName("localhost")
                        .ipAddress(InetAddress.getLoopbackAddress());
                if (host != null && !host.equals("localhost")) {
                    if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':')) {
                        a.ipAddress(literal(host));
                    } else if (host.contains(".")) {
                        a.dnsName(host);
                    }
                }
                served = TlsIdentities.create(store, identity, TlsIdentities.Usage.SERVER,
                        TlsIdentities.KeyType.EC_P256, a.build(), Instant.now().plus(CREATED_VALIDITY));
            }
        }
        if (served != null) {
            builder.tlsIdentity(served);
        } else {
            builder.identityStore(store);
        }
        if (clientCertRoots != null) {
            builder.clientCertificateAuthenticator(ClientCertificateAuthenticator.roots(
                    CliIdentities.certificates(clientCertRoots.toString(), "client certificate roots")));
        }
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new CommandException("bad --host address " + ip);
        }
    }

    private static String host(InetSocketAddress bound) {
        InetAddress a = bound.getAddress();
        if (a.isAnyLocalAddress()) {
            return "0.0.0.0";
        }
        String h = a.getHostAddress();
        if (a instanceof Inet6Address) {
            int zone = h.indexOf('%');
            return "[" + (zone < 0 ? h : h.substring(0, zone)) + "]";
        }
        return h;
    }
}
