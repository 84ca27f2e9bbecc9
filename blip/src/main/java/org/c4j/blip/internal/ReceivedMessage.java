package org.c4j.blip.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.MessageKind;
import org.c4j.blip.OutgoingMessage;

/**
 * A complete incoming message as handed to handlers and reply futures. Immutable and thread-safe; the first
 * {@link #respond}/{@link #respondWithError} wins (an atomic flag).
 */
public final class ReceivedMessage implements IncomingMessage {

    /** Sends replies for requests; implemented by the connection (thread-safe: enqueues). */
    public interface Responder {
        void reply(ReceivedMessage request, OutgoingMessage reply);

        void replyWithError(ReceivedMessage request, String domain, int code, String message);
    }

    private final long number;
    private final MessageKind kind;
    private final int flags;
    private final Map<String, String> properties;
    private final byte[] body;
    private final Responder responder;
    private final AtomicBoolean responded = new AtomicBoolean();

    /** @param responder the connection, for requests; null for replies */
    public ReceivedMessage(long number, int flags, Map<String, String> properties, byte[] body, Responder responder) {
        this.number = number;
        this.flags = flags;
        this.kind = switch (MessageType.fromFlags(flags)) {
            case MSG -> MessageKind.REQUEST;
            case RPY -> MessageKind.REPLY;
            case ERR -> MessageKind.ERROR;
            default -> throw new IllegalArgumentException("not a message type: " + flags);
        };
        this.properties = Collections.unmodifiableMap(properties);
        this.body = body;
        this.responder = responder;
    }

    @Override
    public long number() {
        return number;
    }

    @Override
    public MessageKind kind() {
        return kind;
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public String property(String name) {
        return properties.get(name);
    }

    @Override
    public String profile() {
        return properties.get(BlipWire.PROFILE);
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean isError() {
        return kind == MessageKind.ERROR;
    }

    @Override
    public String errorDomain() {
        return isError() ? properties.getOrDefault(BlipWire.ERROR_DOMAIN, BlipWire.DEFAULT_ERROR_DOMAIN) : null;
    }

    @Override
    public int errorCode() {
        if (!isError()) {
            return 0;
        }
        try {
            return Integer.parseInt(properties.getOrDefault(BlipWire.ERROR_CODE, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String errorMessage() {
        return isError() ? bodyAsString() : null;
    }

    @Override
    public boolean isUrgent() {
        return (flags & BlipWire.URGENT) != 0;
    }

    @Override
    public boolean isNoReply() {
        return (flags & BlipWire.NO_REPLY) != 0;
    }

    @Override
    public boolean isCompressed() {
        return (flags & BlipWire.COMPRESSED) != 0;
    }

    /** True once a reply was given (or claimed). */
    public boolean hasResponded() {
        return responded.get();
    }

    @Override
    public void respond(OutgoingMessage reply) {
        if (claimReply(true)) {
            responder.reply(this, reply);
        }
    }

    @Override
    public void respondWithError(String domain, int code, String message) {
        if (claimReply(true)) {
            responder.replyWithError(this, domain, code, message);
        }
    }

    /** Replies with an error unless a reply was already given (the connection's fallback for failed handlers). */
    public void respondWithErrorIfUnanswered(String domain, int code, String message) {
        if (claimReply(false)) {
            responder.replyWithError(this, domain, code, message);
        }
    }

    /**
     * Claims the one reply of this request: false for no-reply requests, and if already claimed unless
     * {@code strict}.
     *
     * @throws IllegalStateException for a reply message, or if {@code strict} and already claimed
     */
    private boolean claimReply(boolean strict) {
        if (kind != MessageKind.REQUEST) {
            throw new IllegalStateException("cannot respond to a " + kind);
        }
        if (isNoReply()) {
            return false;
        }
        if (!responded.compareAndSet(false, true)) {
            if (!strict) {
                return false;
            }
            throw new IllegalStateException("request #" + number + " was already answered");
        }
        return true;
    }

    @Override
    public String toString() {
        return kind + "#" + number + (profile() != null ? " '" + profile() + "'" : "");
    }
}
