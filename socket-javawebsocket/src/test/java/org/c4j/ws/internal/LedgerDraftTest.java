package org.c4j.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;

import org.java_websocket.enums.Role;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.junit.jupiter.api.Test;

public class LedgerDraftTest {

    @Test
    void recordsDataFramesAndTheirCopiesShareTheLedger() {
        FrameLedger ledger = new FrameLedger();
        LedgerDraft draft = (LedgerDraft) LedgerDraft.of(List.of("p"), ledger).copyInstance();
        draft.setParseMode(Role.CLIENT);
        List<Framedata> frames = draft.createFrames(ByteBuffer.wrap(new byte[300]), true);
        ByteBuffer data = draft.createBinaryFrame(frames.get(0));
        ByteBuffer ping = draft.createBinaryFrame(new PingFrame());
        assertEquals(300 + 2 + 2 + 4, data.remaining());
        assertEquals(data.remaining() + ping.remaining(), ledger.unsentBytes(), "both frames not yet written");
        assertEquals(0, ledger.written(ping));
        assertEquals(data.remaining(), ledger.unsentBytes());
        assertEquals(300, ledger.written(data));
        assertEquals(0, ledger.unsentBytes(), "everything written");
        assertEquals(0, ledger.written(data), "reported once");
        assertEquals(0, ledger.unsentBytes());
        assertEquals(0, ledger.written(ByteBuffer.allocateDirect(4)));
    }
}
