package org.c4j.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.c4j.socket.SocketDelegate;
import org.c4j.ws.CertificateAttributes;
import org.c4j.ws.TlsIdentities;
import org.c4j.ws.TlsIdentity;
import org.c4j.ws.WebSocketClientFactory;
import org.c4j.ws.WebSocketListenerTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Connection setup over loopback with the Java-WebSocket transports: one operation opens a new client socket to a
 * c4j listener, waits for {@code opened}, sends one 100-byte message (where a replicator sends its first BLIP
 * frame) and waits for the listener's echo, then closes. {@code tls}: {@code none} (ws), {@code ec} (wss, an EC
 * P-256 identity, the client pinning it), {@code rsa} (wss, an RSA 2048 identity, as Couchbase Lite's).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WssHandshake -f 1 -wi 3 -i 5 -w 2s -r 3s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WssHandshakeBench {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] FIRST_FRAME = "first BLIP frame ".repeat(6).substring(0, 100)
            .getBytes(StandardCharsets.US_ASCII);

    @Param({"none", "ec", "rsa"})
    public String tls;

    private WebSocketListenerTransport listener;
    private WebSocketClientFactory factory;
    private URI uri;
    private OptionsDict options;

    @Setup(Level.Trial)
    public void setUp() {
        WebSocketListenerTransport.Builder b = WebSocketListenerTransport.builder().networkInterface("127.0.0.1");
        TlsIdentity identity = null;
        if (tls.equals("none")) {
            b.disableTls();
        } else {
            identity = TlsIdentities.generate("bench", TlsIdentities.Usage.SERVER,
                    tls.equals("ec") ? TlsIdentities.KeyType.EC_P256 : TlsIdentities.KeyType.RSA_2048,
                    CertificateAttributes.builder("bench").build(), Instant.now().plus(Duration.ofDays(1)), null);
            b.tlsIdentity(identity);
        }
        listener = b.build();
        listener.start((socket, request) -> socket.open(new Echo(socket)));
        factory = new WebSocketClientFactory();
        uri = URI.create((identity == null ? "ws" : "wss") + "://127.0.0.1:" + listener.port() + "/db/_blipsync");
        options = identity == null ? OptionsDict.EMPTY : OptionsDict.builder()
                .put(OptionKeys.PINNED_CERT, identity.certificateDer()).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        listener.stop();
    }

    @Benchmark
    public long connectAndFirstFrame() throws Exception {
        C4Socket socket = factory.create(uri, options);
        Client client = new Client(socket);
        socket.open(client);
        long n = client.echoed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        socket.requestClose(1000, "done");
        client.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return n;
    }

    /** Writes the first frame once open; completes when it comes back. */
    private static final class Client implements SocketDelegate {
        final C4Socket socket;
        final CompletableFuture<Long> echoed = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        Client(C4Socket socket) {
            this.socket = socket;
        }

        @Override
        public void opened() {
            socket.write(ByteBuffer.wrap(FIRST_FRAME));
        }

        @Override
        public void gotHttpResponse(int status, Map<String, List<String>> headers) {
        }

        @Override
        public void received(ByteBuffer data) {
            socket.completedReceive(data.remaining());
            echoed.complete((long) data.remaining());
        }

        @Override
        public void closeRequested(int code, String reason) {
            socket.requestClose(code, reason);
        }

        @Override
        public void completedWrite(long byteCount) {
        }

        @Override
        public void closed(C4Exception error) {
            if (error != null) {
                echoed.completeExceptionally(error);
            }
            closed.complete(null);
        }
    }

    /** The listener's side: sends every message back. */
    private record Echo(C4Socket socket) implements SocketDelegate {
        @Override
        public void opened() {
        }

        @Override
        public void gotHttpResponse(int status, Map<String, List<String>> headers) {
        }

        @Override
        public void received(ByteBuffer data) {
            int n = data.remaining();
            socket.write(data);
            socket.completedReceive(n);
        }

        @Override
        public void closeRequested(int code, String reason) {
            socket.requestClose(code, reason);
        }

        @Override
        public void completedWrite(long byteCount) {
        }

        @Override
        public void closed(C4Exception error) {
        }
    }
}
