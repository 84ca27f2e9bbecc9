package org.c4j.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small proxy made for the tests, on 127.0.0.1: an HTTP {@code CONNECT} proxy or a SOCKS5 proxy, optionally
 * requiring a user name and password; it relays bytes both ways and records every target it was asked for and how
 * many bytes it relayed. One thread per connection direction (tests open few connections).
 */
public final class TestProxy implements AutoCloseable {
    enum Kind { HTTP, SOCKS5 }

    final Kind kind;
    final String user;
    final String password;
    final ServerSocket server;
    final List<String> targets = new CopyOnWriteArrayList<>();
    final AtomicLong relayed = new AtomicLong();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    TestProxy(Kind kind, String user, String password) throws IOException {
        this.kind = kind;
        this.user = user;
        this.password = password;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "test-proxy-" + kind);
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "test-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String[] target = kind == Kind.HTTP ? httpHandshake(in, out) : socksHandshake(in, out);
            if (target == null) {
                client.close();
                return;
            }
            targets.add(target[0] + ":" + target[1]);
            Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
            open.add(upstream);
            if (kind == Kind.HTTP) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } else {
                out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
                out.flush();
            }
            pump(upstream.getInputStream(), out, client, upstream);
            pump(in, upstream.getOutputStream(), upstream, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void pump(InputStream from, OutputStream to, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = from.read(buf)) > 0) {
                    to.write(buf, 0, n);
                    to.flush();
                    relayed.addAndGet(n);
                }
            } catch (IOException e) {
                // one side ended
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private String[] httpHandshake(InputStream in, OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        String[] lines = head.toString().split("\r\n");
        String[] request = lines[0].split(" ");
        if (user != null) {
            String expected = "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
            boolean ok = false;
            for (String line : lines) {
                ok |= line.equals(expected);
            }
            if (!ok) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return null;
            }
        }
        if (!request[0].equals("CONNECT")) {
            return null;
        }
        int colon = request[1].lastIndexOf(':');
        return new String[] {request[1].substring(0, colon), request[1].substring(colon + 1)};
    }

    private String[] socksHandshake(InputStream in, OutputStream out) throws IOException {
        byte[] greeting = in.readNBytes(2);
        byte[] methods = in.readNBytes(greeting[1]);
        boolean offersPassword = false;
        for (byte m : methods) {
            offersPassword |= m == 2;
        }
        if (user != null) {
            if (!offersPassword) {
                out.write(new byte[] {5, (byte) 0xFF});
                return null;
            }
            out.write(new byte[] {5, 2});
            out.flush();
            in.read();
            String u = new String(in.readNBytes(in.read()), StandardCharsets.UTF_8);
            String p = new String(in.readNBytes(in.read()), StandardCharsets.UTF_8);
            boolean ok = u.equals(user) && p.equals(password);
            out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
            out.flush();
            if (!ok) {
                return null;
            }
        } else {
            out.write(new byte[] {5, 0});
            out.flush();
        }
        byte[] rq = in.readNBytes(4);
        if (rq[1] != 1 || rq[3] != 3) {
            return null;
        }
        String host = new String(in.readNBytes(in.read()), StandardCharsets.UTF_8);
        byte[] port = in.readNBytes(2);
        return new String[] {host, String.valueOf(((port[0] & 0xFF) << 8) | (port[1] & 0xFF))};
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(TestProxy::closeQuietly);
    }
}
