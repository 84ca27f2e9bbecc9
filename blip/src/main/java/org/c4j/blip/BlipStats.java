package org.c4j.blip;

/**
 * Traffic counters of a {@link BlipConnection} at one moment. Immutable; thread-safe.
 *
 * @param bytesSent        bytes of all frames (ACKs included) handed to the socket
 * @param bytesReceived    bytes of all frames received
 * @param messagesSent     requests and replies whose last frame was handed to the socket
 * @param messagesReceived requests and replies completely received
 */
public record BlipStats(long bytesSent, long bytesReceived, long messagesSent, long messagesReceived) {
}
