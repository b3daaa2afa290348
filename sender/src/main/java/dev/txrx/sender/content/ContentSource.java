package dev.txrx.sender;

import dev.txrx.common.protocol.Frame;
import java.io.IOException;
import java.util.List;

/** What a sender offers its receivers: freshly generated files, or a tree of real ones. */
interface ContentSource {

    /**
     * Opens the content of one session.
     *
     * @param names   the names a REQUEST GET asked for, or empty for everything
     * @param missing receives each asked-for name that matches nothing
     * @param seed    the seed of generated content; the same seed gives the same files
     * @throws dev.txrx.common.protocol.ProtocolException with UNSUPPORTED_REQUEST if this source
     *         cannot select by name
     */
    SessionContent open(List<String> names, List<String> missing, long seed) throws IOException;

    /** True when the content is the same for every session whatever the seed, so any earlier session can be resumed. */
    boolean reproducible();

    /**
     * The catalogue, for REQUEST LIST.
     *
     * @throws dev.txrx.common.protocol.ProtocolException with UNSUPPORTED_REQUEST if this source has none
     */
    List<Frame.Entry> catalogue() throws IOException;
}
