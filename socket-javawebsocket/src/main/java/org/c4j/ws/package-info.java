/**
 * ws transports on Java-WebSocket 1.5.7: {@link org.c4j.ws.WebSocketClientFactory} (client
 * {@link org.c4j.socket.SocketFactory}) and {@link org.c4j.ws.WebSocketListenerTransport} (the
 * {@link org.c4j.socket.ListenerTransport}), both message-framed, plus their injectable threads
 * ({@link org.c4j.ws.WsExecutors}) and the listener's credential check ({@link org.c4j.ws.PasswordAuthenticator}).
 *
 * <p><b>How it is built.</b> Java-WebSocket's {@code WebSocketImpl} and {@code Draft_6455} do the protocol
 * (upgrade validation, framing, masking, ping/pong, close handshake). Each connection's socket I/O is ours: a
 * blocking {@link java.net.Socket} with a reader thread and a writer thread, for client and listener alike. That
 * gives: receive flow control (the reader stops reading while 64 KiB of received messages await
 * {@code completedReceive}), upgrade refusals with any status and headers (401 with a Basic challenge, 400,
 * 426, ...) written before Java-WebSocket sees the request, and no lost write wake-ups.
 *
 * <p><b>completedWrite</b> is reported by the writer thread after it has written a data frame's whole encoded
 * buffer to the socket (i.e. into the kernel's send buffer), counting the frame's payload bytes, never its
 * WebSocket header or mask. The frame buffer is matched to its payload size by identity: a draft subclass
 * records each binary frame it encodes ({@code createBinaryFrame}); the writer looks up each buffer it writes.
 *
 * <p><b>Closing.</b> The side that sends a close frame (first, or as the echo Java-WebSocket sends at once when
 * one arrives — so {@code closeRequested} is informational and a later {@code requestClose} does nothing) shuts
 * down its output after flushing it and waits up to 5 s for the peer's end of stream. {@code closed} is
 * delivered exactly once on every path; its error is mapped in one place
 * ({@code org.c4j.ws.internal.CloseMapping}) with {@link org.c4j.socket.TransportErrors}.
 */
package org.c4j.ws;
