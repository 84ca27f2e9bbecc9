package org.c4j.ws.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.Handshakedata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Java-WebSocket's callbacks ({@code WebSocketListener}) for one {@link WsConnection}'s engine: they move the
 * connection's state, feed its heartbeat and receive window, and forward the events to its
 * {@link ConnectionListener}. No socket I/O happens here: what the engine sends (a pong, a close frame) goes on
 * its out-queue, which only the connection's writer drains to the socket.
 *
 * <p><b>Threading:</b> called on whichever thread drives the engine (the reader decoding, a thread sending or
 * closing); thread-safe as the connection is.
 */
public final class EngineEvents extends WebSocketAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(EngineEvents.class);

    private final WsConnection c;

    EngineEvents(WsConnection connection) {
        this.c = connection;
    }

    @Override
    public void onWebsocketOpen(WebSocket conn, Handshakedata handshake) {
        if (c.moveTo(WsConnection.State.OPEN)) {
            c.startWriter();
            c.heartbeat.start();
            c.writeWatch.start();
            c.listener.onOpen();
        }
    }

    @Override
    public void onWebsocketMessage(WebSocket conn, ByteBuffer message) {
        c.heartbeat.traffic();
        c.window.delivered(message.remaining());
        c.listener.onMessage(message);
    }

    @Override
    public void onWebsocketMessage(WebSocket conn, String message) {
        c.heartbeat.traffic();
        c.engine.close(CloseFrame.REFUSE, "text messages are not supported");
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        c.heartbeat.traffic();
        if (!c.sendQueueFull()) {
            super.onWebsocketPing(conn, f); // queues the pong
        }
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        c.heartbeat.pong();
    }

    @Override
    public void onWebsocketClosing(WebSocket conn, int code, String reason, boolean remote) {
        c.closingStarted(remote);
        if (c.moveTo(WsConnection.State.CLOSING)) {
            c.armCloseTimer();
            c.window.close(); // the engine drops data while closing: read on to the peer's EOF unthrottled
            if (remote) {
                c.heartbeat.traffic();
                c.listener.onCloseRequested(code, reason);
            }
        }
        c.wakeWriter();
    }

    @Override
    public void onWebsocketClose(WebSocket conn, int code, String reason, boolean remote) {
        c.terminate(CloseMapping.engineClose(code, reason));
    }

    @Override
    public void onWebsocketError(WebSocket conn, Exception ex) {
        LOG.debug("WebSocket engine reported {}", ex.toString());
    }

    @Override
    public void onWebsocketCloseInitiated(WebSocket conn, int code, String reason) {
        // Nothing to do: onWebsocketClosing follows.
    }

    @Override
    public void onWriteDemand(WebSocket conn) {
        // Nothing to do: the writer blocks on the out-queue itself.
    }

    @Override
    public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
        return (InetSocketAddress) c.socket.getLocalSocketAddress();
    }

    @Override
    public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
        return c.remoteAddress();
    }
}
