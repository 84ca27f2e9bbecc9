/**
 * BLIP 3 messaging over a {@link org.c4j.socket.C4Socket}: {@link org.c4j.blip.BlipConnection} and its messages.
 * Internals (frame codec, outbox, state machines) live in {@code org.c4j.blip.internal}, not exported.
 */
package org.c4j.blip;
