package org.c4j.cli.internal;

import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

import org.c4j.Database;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.cli.StopSignal;
import org.c4j.ws.PasswordAuthenticator;
import org.c4j.ws.WebSocketListenerTransport;

/**
 * {@code serve}: serves the database in DIR to replication peers over ws (c4-api's {@link Listener} on the
 * Java-WebSocket {@link WebSocketListenerTransport}) until stopped, then closes every connection and the database.
 * Prints exactly one line on stdout once listening: {@code listening ws://HOST:PORT/NAME}, HOST being the bound
 * address ({@code 0.0.0.0} when listening on every interface; the reachable URLs then go to stderr).
 *
 * <p>Stateless; thread-safe. {@link #run} blocks until the stop signal fires.
 */
public final class ServeCommand {
    public static final CommandLine.Spec SPEC = new CommandLine.Spec(
            "serve DIR --port P [--host ADDR] [--db NAME] [--no-tls] [--user U --password PW] [--readonly]",
            List.of("DIR"), Set.of("no-tls", "readonly"), Set.of("port", "host", "db", "user", "password"));

    private ServeCommand() {
    }

    public static void run(CommandLine cl, PrintStream out, PrintStream err, StopSignal stop)
            throws InterruptedException {
        int port = port(cl);
        PasswordAuthenticator auth = authenticator(cl);
        String name = cl.option("db") == null ? null : databaseName(cl);
        stop.watch();
        if (!cl.flag("no-tls")) {
            err.println("c4: warning: TLS is not available yet; serving plain ws:// (--no-tls silences this)");
        }
        WebSocketListenerTransport transport = WebSocketListenerTransport.builder()
                .port(port).networkInterface(cl.option("host")).authenticator(auth).build();
        try (OpenDatabase open = DocCommands.open(cl, true)) {
            Database db = open.database();
            ListenerConfig config = ListenerConfig.of(db).withReadOnly(cl.flag("readonly"));
            if (name != null) {
                config = config.withDatabaseName(name);
            }
            Listener listener = new Listener(transport, config);
            listener.start();
            try {
                out.println("listening ws://" + host(transport.address()) + ":" + listener.port() + "/"
                        + config.databaseName());
                out.flush();
                if (transport.address().getAddress().isAnyLocalAddress()) {
                    for (URI url : listener.urls()) {
                        err.println("c4: reachable at " + url);
                    }
                }
                stop.awaitRequest();
            } finally {
                listener.stop();
            }
        }
    }

    private static int port(CommandLine cl) {
        String p = cl.option("port");
        if (p == null) {
            throw cl.usage("--port is required (0 picks a free port)");
        }
        try {
            int port = Integer.parseInt(p);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw cl.usage("--port must be a number from 0 to 65535, not '" + p + "'");
    }

    private static String databaseName(CommandLine cl) {
        String name = cl.option("db");
        if (name.isEmpty() || name.contains("/")) {
            throw cl.usage("--db must be a non-empty name without '/'");
        }
        return name;
    }

    /** Basic auth with the one user given, or none; both --user and --password, or neither. */
    private static PasswordAuthenticator authenticator(CommandLine cl) {
        String user = cl.option("user");
        String password = cl.option("password");
        if ((user == null) != (password == null)) {
            throw cl.usage("--user and --password go together");
        }
        if (user == null) {
            return null;
        }
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        // Constant-time comparisons: how long a refusal takes says nothing about how close a guess was.
        return (name, pass) -> MessageDigest.isEqual(u, name.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(pw, pass.getBytes(StandardCharsets.UTF_8));
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
