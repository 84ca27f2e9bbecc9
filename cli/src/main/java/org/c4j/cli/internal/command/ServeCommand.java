package org.c4j.cli.internal.command;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.c4j.cli.internal.CommandIo;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
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
 * {@code serve}: serves the database in DIR to replication peers over ws (the replicator module's {@link Listener}
 * on the Java-WebSocket {@link WebSocketListenerTransport}) until stopped, then closes every connection and the
 * database.
 * Prints exactly one line on stdout once listening: {@code listening ws://HOST:PORT/NAME}, HOST being the bound
 * address ({@code 0.0.0.0} when listening on every interface; the reachable URLs then go to stderr).
 *
 * <p>Not thread-safe: picocli makes one per run. {@link #call} blocks until the stop signal fires.
 */
@Command(name = "serve", description = {"Serve the database to replication peers at ws://HOST:PORT/NAME until "
        + "SIGINT/SIGTERM; prints \"listening ws://HOST:PORT/NAME\" once listening. TLS is not available yet: "
        + "plain ws:// only."})
public final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the database directory (created if needed)")
    Path dir;

    @Option(names = "--port", paramLabel = "P", required = true, description = "the port; 0 picks a free one")
    int port;

    @Option(names = "--host", paramLabel = "ADDR",
            description = "listen on this address or interface name only (default: every interface)")
    String host;

    @Option(names = "--db", paramLabel = "NAME", description = "the database's name in URLs (default: DIR's name)")
    String name;

    @Option(names = "--no-tls", description = "serve plain ws:// without the warning (TLS is not available yet)")
    boolean noTls;

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
        io.stop().watch();
        if (!noTls) {
            io.err().println("c4: warning: TLS is not available yet; serving plain ws:// (--no-tls silences this)");
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
            WebSocketListenerTransport transport = b.build();
            ListenerConfig config = ListenerConfig.of(open.database()).withReadOnly(readonly)
                    .withDeltaSync(deltaSync);
            if (name != null) {
                config = config.withDatabaseName(name);
            }
            Listener listener = new Listener(transport, config);
            listener.start();
            try {
                io.out().println("listening ws://" + host(transport.address()) + ":" + listener.port() + "/"
                        + config.databaseName());
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
