package org.c4j.ws;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.testkit.RecordingDelegate;

/** A listener on 127.0.0.1 (port 0) with a {@link TestAcceptor}, and helpers to connect clients to it. */
public final class Fixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String DB = "db";

    final TestAcceptor acceptor;
    final WebSocketListenerTransport listener;
    final WebSocketClientFactory factory = new WebSocketClientFactory();

    Fixture(boolean echo, PasswordAuthenticator authenticator) {
        acceptor = new TestAcceptor(Set.of(DB), echo);
        listener = WebSocketListenerTransport.builder().disableTls().networkInterface("127.0.0.1")
                .authenticator(authenticator)
                .build();
        listener.start(acceptor);
    }

    /** ws://127.0.0.1:port + path. */
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + listener.port() + path);
    }

    /** The replication URL of {@link #DB}. */
    URI dbUri() {
        return uri("/" + DB + "/_blipsync");
    }

    /** A client socket, opened with an auto-releasing recorder. */
    Client connect(URI uri, OptionsDict options) {
        C4Socket socket = factory.create(uri, options);
        RecordingDelegate recorder = RecordingDelegate.autoReleasing(socket);
        socket.open(recorder);
        return new Client(socket, recorder);
    }

    Client connect(OptionsDict options) {
        return connect(dbUri(), options);
    }

    @Override
    public void close() {
        listener.stop();
    }

    record Client(C4Socket socket, RecordingDelegate recorder) {
    }
}
