package dev.txrx.sender.content;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.Glob;
import java.io.IOException;
import java.util.List;

/**
 * What a sender offers its receivers: freshly generated files, or a tree of real ones. One for the
 * sender's lifetime, shared by its conversations; closing it stops the threads it keeps.
 */
public interface ContentSource extends AutoCloseable {

    /**
     * Opens the content of one session.
     *
     * @param names    the names a REQUEST GET asked for, or empty for everything
     * @param excludes the REQUEST's exclude patterns: what matches is left out; only a source with a
     *                 {@linkplain #hasCatalogue catalogue} takes any
     * @param missing receives each asked-for name that matches nothing
     * @param seed    the seed of generated content; the same seed gives the same files
     * @throws IllegalArgumentException if names are given to a source without a {@linkplain #hasCatalogue catalogue}
     */
    SessionContent open(List<String> names, List<Glob> excludes, List<String> missing, long seed) throws IOException;

    /** Opens the content of a session that excludes nothing. */
    default SessionContent open(List<String> names, List<String> missing, long seed) throws IOException {
        return open(names, List.of(), missing, seed);
    }

    /** True when the content is the same for every session whatever the seed, so any earlier session can be resumed. */
    boolean reproducible();

    /** True when this source can list what it has (REQUEST LIST) and send parts of it by name (REQUEST GET). */
    boolean hasCatalogue();

    /**
     * The catalogue, for REQUEST LIST, without what {@code excludes} leaves out.
     *
     * @throws IllegalStateException if this source {@linkplain #hasCatalogue has none}
     */
    List<Frame.Entry> catalogue(List<Glob> excludes) throws IOException;

    /** The whole catalogue. */
    default List<Frame.Entry> catalogue() throws IOException {
        return catalogue(List.of());
    }

    /**
     * Why this source does not serve one more file session to a receiving peer of protocol
     * version {@code peerVersion}, or null when it does. A source that can be sent once only
     * ({@link #singleUse}) is claimed by the first session it grants.
     */
    default String refusal(int peerVersion) {
        return null;
    }

    /** True when the content can be sent once only, as a stream read from a pipe: it is never resumed. */
    default boolean singleUse() {
        return false;
    }

    /** True once a single-use source has been claimed by a session. */
    default boolean spent() {
        return false;
    }

    @Override
    default void close() {
    }
}
