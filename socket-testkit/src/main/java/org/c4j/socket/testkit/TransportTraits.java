package org.c4j.socket.testkit;

import java.util.Objects;

/**
 * What a transport under test promises, so the conformance suite knows which rules apply and how big its
 * schedules may be. Immutable; change a copy with the {@code with...} methods.
 *
 * @param scheme            the URL scheme clients are given, e.g. {@code ws}
 * @param receiveWindow     the most unreleased received bytes the transport may have delivered when it delivers
 *                          another message ({@link ConformanceRule#RECEIVE_WINDOW}): its window, plus one read
 *                          chunk if it reads the network in chunks and delivers all a chunk holds; negative if it
 *                          does no receive flow control (then only {@link ConformanceRule#FLOW_RESUMES} is
 *                          checked)
 * @param maxMessageBytes   the largest single write the transport carries (schedules stay within it)
 * @param speaksHttp        true if clients get an HTTP response ({@link ConformanceRule#HTTP_RESPONSE_BEFORE_OPENED},
 *                          the 404 of {@link ConformanceRule#FAILED_OPEN_FAILS})
 * @param sendsHeaders      true if the {@code headers} option reaches the listener ({@link
 * ConformanceRule#HEADERS_SENT})
 * @param buildsAuthHeaders true if the transport turns the {@code auth} option into headers
 *                          ({@link ConformanceRule#AUTH_HEADERS_BUILT})
 * @param maxUnwrittenBytes the most bytes a side may have written and not yet seen completed before the transport
 *                          may drop the connection (a listener's send-queue bound against peers that stop reading;
 *                          an engine keeps below it, as BLIP keeps at most 256 KiB unwritten): the suite's bursts
 *                          stay within it. {@link Long#MAX_VALUE} if the transport queues without a bound.
 */
public record TransportTraits(String scheme, long receiveWindow, long maxMessageBytes, boolean speaksHttp,
                              boolean sendsHeaders, boolean buildsAuthHeaders, long maxUnwrittenBytes) {
    /** Default {@link #maxMessageBytes}: 4 MiB, "several MiB" as the suite's largest write. */
    public static final long DEFAULT_MAX_MESSAGE = 4L << 20;

    public TransportTraits {
        Objects.requireNonNull(scheme, "scheme");
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
        }
        if (maxUnwrittenBytes < maxMessageBytes) {
            throw new IllegalArgumentException("maxUnwrittenBytes must hold one largest message: " + maxUnwrittenBytes);
        }
    }

    /** Traits of a transport that queues any number of unwritten bytes. */
    public TransportTraits(String scheme, long receiveWindow, long maxMessageBytes, boolean speaksHttp,
                           boolean sendsHeaders, boolean buildsAuthHeaders) {
        this(scheme, receiveWindow, maxMessageBytes, speaksHttp, sendsHeaders, buildsAuthHeaders, Long.MAX_VALUE);
    }

    /**
     * An HTTP transport with the given scheme and receive window that sends headers and builds auth headers,
     * carrying writes up to {@link #DEFAULT_MAX_MESSAGE}.
     */
    public static TransportTraits http(String scheme, long receiveWindow) {
        return new TransportTraits(scheme, receiveWindow, DEFAULT_MAX_MESSAGE, true, true, true);
    }

    public TransportTraits withMaxMessageBytes(long bytes) {
        return new TransportTraits(scheme, receiveWindow, bytes, speaksHttp, sendsHeaders, buildsAuthHeaders, maxUnwrittenBytes);
    }

    public TransportTraits withReceiveWindow(long bytes) {
        return new TransportTraits(scheme, bytes, maxMessageBytes, speaksHttp, sendsHeaders, buildsAuthHeaders, maxUnwrittenBytes);
    }

    public TransportTraits withHttp(boolean http) {
        return new TransportTraits(scheme, receiveWindow, maxMessageBytes, http, sendsHeaders, buildsAuthHeaders, maxUnwrittenBytes);
    }

    public TransportTraits withHeaders(boolean headers, boolean authHeaders) {
        return new TransportTraits(scheme, receiveWindow, maxMessageBytes, speaksHttp, headers, authHeaders, maxUnwrittenBytes);
    }

    public TransportTraits withMaxUnwrittenBytes(long bytes) {
        return new TransportTraits(scheme, receiveWindow, maxMessageBytes, speaksHttp, sendsHeaders, buildsAuthHeaders,
                bytes);
    }
}
