package dev.txrx.sender.content;

import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.Glob;
import dev.txrx.common.protocol.FrameFormat;
import dev.txrx.common.report.Totals;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sender's standard input as its one file ({@code sender --send -}), of unknown size, named by
 * {@code --name}: it can be read once, so it serves one file session only. The first receiver that
 * asks claims it ({@link #refusal}); any later one, or one of protocol version 2, which cannot carry
 * a file of unknown size, is refused. The file gets mode {@link #MODE} and the time it starts as its
 * modification time.
 */
public final class StandardInput implements ContentSource {

    /** The name of the file when {@code --name} does not give one. */
    public static final String DEFAULT_NAME = "stdin";
    /**
     * The permissions the stream is announced with: owner only, since what is piped (a database
     * dump, an archive of a home directory) is often private, and nothing says otherwise.
     */
    public static final int MODE = 0600;
    /** What a receiving peer of version 2 is told: the protocol's wording. */
    public static final String VERSION_2_REFUSAL = "this sender streams its standard input, a file of unknown size, "
            + "which protocol version 2 cannot carry; upgrade the receiver";
    /** What a receiver is told once the input went to another one. */
    public static final String SPENT_REFUSAL = "this sender streams its standard input, which can be read once, "
            + "and another receiver has it; start the sender again";

    private final String name;
    private final ReadableByteChannel in;
    private final InputStream ready;
    private final AtomicBoolean claimed = new AtomicBoolean();

    /**
     * The content of {@code in}, as the file {@code name}; {@code ready} tells how many of its
     * bytes can be read without blocking (null: unknown).
     */
    public StandardInput(String name, ReadableByteChannel in, InputStream ready) {
        this.name = name;
        this.in = in;
        this.ready = ready;
    }

    /** This process's standard input, as the file {@code name}. */
    public static StandardInput ofProcess(String name) {
        FileInputStream stdin = new FileInputStream(FileDescriptor.in);
        return new StandardInput(name, stdin.getChannel(), stdin);
    }

    @Override
    public String refusal(int peerVersion) {
        if (peerVersion < FrameFormat.SYNC_VERSION) {
            return VERSION_2_REFUSAL;
        }
        return claimed.compareAndSet(false, true) ? null : SPENT_REFUSAL;
    }

    @Override
    public boolean singleUse() {
        return true;
    }

    @Override
    public boolean spent() {
        return claimed.get();
    }

    @Override
    public SessionContent open(List<String> names, List<Glob> excludes, List<String> missing, long seed) {
        if (!names.isEmpty() || !excludes.isEmpty()) {
            throw new IllegalArgumentException("a stream cannot be chosen by name");
        }
        PipedFile file = new PipedFile(in, ready, name);
        return new OneStream(new ContentItem.Piped(1, name, System.currentTimeMillis(), MODE, file));
    }

    @Override
    public boolean reproducible() {
        return false;
    }

    @Override
    public boolean hasCatalogue() {
        return false;
    }

    @Override
    public List<Frame.Entry> catalogue(List<Glob> excludes) {
        throw new IllegalStateException("standard input has no catalogue");
    }

    /** The one session's content: the stream, then the end. */
    private static final class OneStream implements SessionContent {
        private ContentItem.Piped stream;

        OneStream(ContentItem.Piped stream) {
            this.stream = stream;
        }

        @Override
        public ContentItem next(long waitMillis) {
            ContentItem next = stream == null ? new ContentItem.End() : stream;
            stream = null;
            return next;
        }

        @Override
        public Totals totals() {
            return new Totals(1, Totals.UNKNOWN);
        }

        @Override
        public void close() {
            // the stream is closed by the conversation, which owns it once handed out
        }
    }
}
