package org.c4j.ws.internal;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.enums.Role;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.Framedata;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 draft (no extensions; {@link Tuning#MAX_MESSAGE} frame limit) that records every frame it encodes
 * (data and control) in a {@link FrameLedger}. A client's unfragmented binary frames are built by
 * {@link WsMask#clientBinaryFrame} (the same bytes, masked eight bytes at a time instead of one, with a key from the
 * same kind of source, a {@link SecureRandom}); every other frame by Java-WebSocket. Copies made by Java-WebSocket
 * ({@link #copyInstance()}, one per connection) share the ledger, so one draft must be made per connection.
 * Thread-safety as {@link Draft_6455}'s: used by one connection.
 */
public final class LedgerDraft extends Draft_6455 {
    private final FrameLedger ledger;
    /** Masking keys (RFC 6455 §5.3: unpredictable, from a strong source of entropy). */
    private final SecureRandom keys = new SecureRandom();

    /** @param protocols subprotocols: a client offers them in this order, a server accepts any of them */
    public static LedgerDraft of(List<String> protocols, FrameLedger ledger) {
        return new LedgerDraft(toProtocols(protocols), ledger);
    }

    private LedgerDraft(List<IProtocol> protocols, FrameLedger ledger) {
        super(List.<IExtension>of(), protocols, Tuning.MAX_MESSAGE);
        this.ledger = ledger;
    }

    @Override
    public ByteBuffer createBinaryFrame(Framedata frame) {
        boolean binary = frame.getOpcode() == Opcode.BINARY;
        int payload = binary ? frame.getPayloadData().remaining() : 0;
        ByteBuffer encoded = binary && getRole() == Role.CLIENT && frame.isFin() && !frame.isRSV1()
                && !frame.isRSV2() && !frame.isRSV3()
                ? WsMask.clientBinaryFrame(frame.getPayloadData(), keys.nextInt()) : super.createBinaryFrame(frame);
        if (encoded.hasArray()) {
            ledger.encoded(encoded, payload);
        }
        return encoded;
    }

    @Override
    public Draft copyInstance() {
        List<IProtocol> copies = new ArrayList<>();
        for (IProtocol p : getKnownProtocols()) {
            copies.add(p.copyInstance());
        }
        return new LedgerDraft(copies, ledger);
    }

    private static List<IProtocol> toProtocols(List<String> names) {
        List<IProtocol> protocols = new ArrayList<>(names.size());
        for (String name : names) {
            protocols.add(new Protocol(name));
        }
        return protocols;
    }
}
