package org.c4j.socket.testkit;

import java.nio.ByteBuffer;

/**
 * Decides, message by message, whether writing a message kills a {@link LoopbackPair}'s connection: the fault
 * to use for schedules such as "reset the connection when the client sends its third frame" or "when a frame
 * with this profile goes out". Install it with {@link LoopbackConfig.Builder#dropWhen(DropTrigger)}.
 *
 * <p>When it answers {@code true} the message is marked: every message written before it in that direction is
 * still delivered, and when the marked message would be delivered the connection drops instead (both sides get
 * {@code closed} with {@link org.c4j.socket.ErrorDomain#NETWORK}
 * {@link org.c4j.socket.ErrorCodes.Network#CONNECTION_RESET}); the marked message is never delivered.
 *
 * <p><b>Threading:</b> called on the thread that calls {@link org.c4j.socket.C4Socket#write}, while the pair is
 * locked; it must be quick and must not call the pair or its sockets.
 *
 * <p><b>Contract rule:</b> a drop is a vanished peer: both sides end with {@code closed(NETWORK CONNECTION_RESET)}
 * ({@link ConformanceRule#PEER_VANISH_IS_ERROR}).
 */
@FunctionalInterface
public interface DropTrigger {

    /**
     * @param sender       the side writing the message
     * @param messageIndex how many messages this side wrote before this one (0 for the first)
     * @param message      a read-only view of the message; valid during this call only
     * @return {@code true} to drop the connection when this message would be delivered
     */
    boolean shouldDrop(Side sender, long messageIndex, ByteBuffer message);
}
