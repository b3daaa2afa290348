package dev.txrx.common.transport;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.FrameFormat;

/** The name of a frame's type, as the protocol spells it, for messages. */
final class FrameTypeNames {

    private FrameTypeNames() {
    }

    static String of(Frame frame) {
        return FrameFormat.typeName(frame.type());
    }
}
