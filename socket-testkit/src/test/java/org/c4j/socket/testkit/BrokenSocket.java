package org.c4j.socket.testkit;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.c4j.socket.C4Exception;
import org.c4j.socket.C4Socket;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.Framing;
import org.c4j.socket.SocketDelegate;

/**
 * A test double that breaks one {@link ConformanceRule} on purpose: it wraps a good socket (a loopback side) and
 * bends the events or calls that rule is about, so the suite can show it catches the breach.
 */
final class BrokenSocket implements C4Socket {
    private final C4Socket inner;
    private final ConformanceRule broken;
    private final boolean refusedClient;

    BrokenSocket(C4Socket inner, ConformanceRule broken, boolean refusedClient) {
        this.inner = inner;
        this.broken = broken;
        this.refusedClient = refusedClient;
    }

    C4Socket inner() {
        return inner;
    }

    @Override
    public Framing framing() {
        return inner.framing();
    }

    @Override
    public void open(SocketDelegate delegate) {
        inner.open(new Bending(delegate));
    }

    @Override
    public void write(ByteBuffer data) {
        inner.write(data);
    }

    @Override
    public void completedReceive(long byteCount) {
        if (broken != ConformanceRule.RECEIVE_WINDOW && broken != ConformanceRule.FLOW_RESUMES) {
            inner.completedReceive(byteCount);
        }
    }

    @Override
    public void requestClose(int code, String reason) {
        inner.requestClose(code, reason);
    }

    @Override
    public void close() {
        inner.close();
    }

    /** The delegate wrapper that bends events. */
    private final class Bending implements SocketDelegate {
        private final SocketDelegate d;
        private Map<String, List<String>> heldHeaders;
        private int heldStatus;

        Bending(SocketDelegate d) {
            this.d = d;
        }

        @Override
        public void opened() {
            if (broken == ConformanceRule.OPENS) {
                return;
            }
            d.opened();
            if (broken == ConformanceRule.NOTHING_BEFORE_OPENED) {
                d.opened();
            }
            if (heldHeaders != null) {
                d.gotHttpResponse(heldStatus, heldHeaders);
            }
        }

        @Override
        public void gotHttpResponse(int status, Map<String, List<String>> headers) {
            if (broken == ConformanceRule.HTTP_RESPONSE_BEFORE_OPENED && status == 101) {
                heldStatus = status;
                heldHeaders = headers;
            } else if (!(broken == ConformanceRule.FAILED_OPEN_FAILS && status >= 400)) {
                d.gotHttpResponse(status, headers);
            }
        }

        @Override
        public void received(ByteBuffer data) {
            int n = data.remaining();
            if (broken == ConformanceRule.DATA_INTACT && n > 0) {
                data.put(data.position(), (byte) ~data.get(data.position()));
            }
            if (broken == ConformanceRule.RECEIVE_WINDOW) {
                inner.completedReceive(n); // the link never pushes back
            }
            if (broken == ConformanceRule.NO_OVERLAP) {
                Thread other = new Thread(() -> d.completedWrite(0));
                other.start();
                d.received(data);
                try {
                    other.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            d.received(data);
        }

        @Override
        public void closeRequested(int code, String reason) {
            d.closeRequested(code, reason);
        }

        @Override
        public void completedWrite(long byteCount) {
            d.completedWrite(broken == ConformanceRule.WRITE_ACCOUNTING ? 2 * byteCount : byteCount);
        }

        @Override
        public void closed(C4Exception error) {
            C4Exception reported = error;
            if (broken == ConformanceRule.CLOSE_HANDSHAKE && error == null) {
                reported = new C4Exception(ErrorDomain.WEBSOCKET, ErrorCodes.WebSocket.CLOSE_ABNORMAL, "bent");
            } else if (broken == ConformanceRule.REFUSED_OPEN_FAILS && refusedClient) {
                reported = null;
            } else if (broken == ConformanceRule.PEER_VANISH_IS_ERROR && error != null
                    && error.domain() == ErrorDomain.NETWORK) {
                reported = null;
            }
            d.closed(reported);
            if (broken == ConformanceRule.CLOSED_ONCE) {
                d.closed(reported);
            } else if (broken == ConformanceRule.NOTHING_AFTER_CLOSED) {
                d.completedWrite(0);
            }
        }
    }
}
