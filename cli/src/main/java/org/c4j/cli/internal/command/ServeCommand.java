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

    @Mixin
    Credentials credentials;

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
        io.stop().watch();
        if (!noTls) {
            io.err().println("c4: warning: TLS is not available yet; serving plain ws:// (--no-tls silences this)");
        }
        WebSocketListenerTransport transport = WebSocketListenerTransport.builder().port(port)
                .networkInterface(host).authenticator(auth ? credentials.authenticator() : null).build();
        try (OpenDatabase open = OpenDatabase.open(dir, true)) {
            ListenerConfig config = ListenerConfig.of(open.database()).withReadOnly(readonly);
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
