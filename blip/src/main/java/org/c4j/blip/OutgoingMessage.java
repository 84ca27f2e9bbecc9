package org.c4j.blip;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.c4j.blip.internal.BlipWire;

/**
 * A request or reply to send: properties, a body (an array or a streaming {@link BodySource}) and flags.
 *
 * <p>Immutable and thread-safe, with two caveats about ownership: the body array is not copied (do not modify it
 * after {@link Builder#body(byte[])}), and a {@link BodySource} is consumed by the one send that uses it.
 */
public final class OutgoingMessage {
    private static final byte[] EMPTY = new byte[0];

    private final Map<String, String> properties;
    private final byte[] body;
    private final BodySource bodySource;
    private final boolean urgent;
    private final boolean noReply;
    private final boolean compressed;
    private final BodySink replySink;

    private OutgoingMessage(Builder b) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.body = b.body;
        this.bodySource = b.bodySource;
        this.urgent = b.urgent;
        this.noReply = b.noReply;
        this.compressed = b.compressed;
        this.replySink = b.replySink;
    }

    /** A builder for a request of this profile (the {@code Profile} property). */
    public static Builder request(String profile) {
        return new Builder().property(BlipWire.PROFILE, profile);
    }

    /** A builder with no properties, e.g. for a reply. */
    public static Builder builder() {
        return new Builder();
    }

    /** Properties in wire order; unmodifiable. */
    public Map<String, String> properties() {
        return properties;
    }

    /** The {@code Profile} property, or null. */
    public String profile() {
        return properties.get(BlipWire.PROFILE);
    }

    /** The body array (shared, not a copy), empty when the body comes from a {@link #bodySource()}. */
    public byte[] body() {
        return body;
    }

    /** The streaming body, or null. */
    public BodySource bodySource() {
        return bodySource;
    }

    public boolean isUrgent() {
        return urgent;
    }

    public boolean isNoReply() {
        return noReply;
    }

    /** True if the frames should be deflated (ignored when the connection's compression level is 0). */
    public boolean isCompressed() {
        return compressed;
    }

    /** Where the reply body streams to, or null to buffer it. */
    public BodySink replySink() {
        return replySink;
    }

    /** Builds an {@link OutgoingMessage}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private byte[] body = EMPTY;
        private BodySource bodySource;
        private boolean urgent;
        private boolean noReply;
        private boolean compressed;
        private BodySink replySink;

        private Builder() {
        }

        /**
         * Adds or replaces a property.
         *
         * @throws IllegalArgumentException if the name or value contains a NUL character (the wire's separator)
         */
        public Builder property(String name, String value) {
            properties.put(checkNoNul(name), checkNoNul(value));
            return this;
        }

        /** The body; the array is not copied and must not be modified afterwards. Replaces a body source. */
        public Builder body(byte[] bytes) {
            this.body = Objects.requireNonNull(bytes, "bytes");
            this.bodySource = null;
            return this;
        }

        /** The body as UTF-8. */
        public Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /** A streaming body; replaces an array body. */
        public Builder bodySource(BodySource source) {
            this.bodySource = Objects.requireNonNull(source, "source");
            this.body = EMPTY;
            return this;
        }

        public Builder urgent(boolean value) {
            this.urgent = value;
            return this;
        }

        /** A request that wants no reply: its send future completes with null once the request is sent. */
        public Builder noReply(boolean value) {
            this.noReply = value;
            return this;
        }

        public Builder compressed(boolean value) {
            this.compressed = value;
            return this;
        }

        /** Streams the reply's body to this sink instead of buffering it (requests only). */
        public Builder replySink(BodySink sink) {
            this.replySink = sink;
            return this;
        }

        public OutgoingMessage build() {
            return new OutgoingMessage(this);
        }

        private static String checkNoNul(String s) {
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("BLIP properties cannot contain NUL characters");
            }
            return s;
        }
    }
}
