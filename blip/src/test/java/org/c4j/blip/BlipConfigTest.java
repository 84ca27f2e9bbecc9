package org.c4j.blip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.c4j.blip.internal.BlipTuning;
import org.junit.jupiter.api.Test;

class BlipConfigTest {

    @Test
    void limitsDefaultToTheTuningConstants() {
        BlipConfig c = BlipConfig.defaults();
        assertEquals(BlipTuning.MAX_INCOMING_MESSAGE_SIZE, c.maxIncomingMessageSize());
        assertEquals(BlipTuning.MAX_BUFFERED_INCOMING_BYTES, c.maxBufferedIncomingBytes());
        assertEquals(BlipTuning.MAX_INCOMPLETE_INCOMING_REQUESTS, c.maxIncompleteIncomingRequests());
        assertEquals(BlipTuning.MAX_INFLATED_FRAME_SIZE, c.maxInflatedFrameSize());
        assertEquals(BlipTuning.MAX_QUEUED_OUTGOING_BYTES, c.maxQueuedOutgoingBytes());
        assertEquals(32 << 20, c.maxIncomingMessageSize(), "room for a 20 MB document");
    }

    @Test
    void limitsCanBeSetAndMustBePositive() {
        BlipConfig c = BlipConfig.builder().maxIncomingMessageSize(1).maxBufferedIncomingBytes(2)
                .maxIncompleteIncomingRequests(3).maxInflatedFrameSize(4).maxQueuedOutgoingBytes(5).build();
        assertEquals(1, c.maxIncomingMessageSize());
        assertEquals(2, c.maxBufferedIncomingBytes());
        assertEquals(3, c.maxIncompleteIncomingRequests());
        assertEquals(4, c.maxInflatedFrameSize());
        assertEquals(5, c.maxQueuedOutgoingBytes());
        BlipConfig.Builder b = BlipConfig.builder();
        assertThrows(IllegalArgumentException.class, () -> b.maxIncomingMessageSize(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxBufferedIncomingBytes(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxIncompleteIncomingRequests(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxInflatedFrameSize(-1));
        assertThrows(IllegalArgumentException.class, () -> b.maxQueuedOutgoingBytes(-5));
    }
}
