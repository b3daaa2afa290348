package dev.txrx.common.tls;

import dev.txrx.common.text.Reasons;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Trust on first use, as ssh does it: the first identity seen at a host and port is recorded in
 * a file, and from then on only that identity is accepted there.
 *
 * <p>The file has one entry a line, {@code HOST:PORT FINGERPRINT} (the host as the user gave it,
 * in lower case, an IPv6 address in brackets: {@code [::1]:7878}; the fingerprint as 64 hex
 * digits); text after the fingerprint, blank lines and lines starting with {@code #} are ignored,
 * and lines that cannot be read are skipped. The file is read on every check, and read and
 * appended under a lock, so processes that share it see each other's entries.
 */
public final class KnownHosts implements ServerCheck {

    private static final String HEADER = "# txrx: the identities of the peers this side connected to,"
            + " one a line: HOST:PORT SHA-256-FINGERPRINT\n";

    private final Path file;
    private final String peerName;
    private final Consumer<String> notices;

    /**
     * @param file     the file of entries, created with mode 0600 on first use (the apps use
     *                 {@code known_hosts} in the identity directory)
     * @param peerName what the peer is, for messages: {@code "sender"} or {@code "receiver"}
     * @param notices  told one line when an identity is recorded
     */
    public KnownHosts(Path file, String peerName, Consumer<String> notices) {
        this.file = file.toAbsolutePath();
        this.peerName = Objects.requireNonNull(peerName, "peerName");
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    /** The file of entries. */
    public Path file() {
        return file;
    }

    /**
     * Passes a certificate recorded for {@code host:port}; records and passes one for a host and
     * port seen for the first time; refuses any other.
     *
     * @throws UntrustedPeerException when another identity is recorded for {@code host:port}, or
     *                                when the file cannot be read or written (then nothing can be
     *                                checked, so nothing is trusted)
     */
    @Override
    public void check(String host, int port, X509Certificate certificate) throws UntrustedPeerException {
        HostPort where = new HostPort(host, port);
        Fingerprint seen = Fingerprint.of(certificate);
        String notice;
        try {
            OwnerOnlyFiles.createDirectories(file.getParent());
            notice = OwnerOnlyFiles.locked(file, channel -> checkLocked(channel, where, seen));
        } catch (UntrustedPeerException e) {
            throw e;
        } catch (IOException e) {
            throw new UntrustedPeerException("cannot check the " + peerName + " at " + where + " against "
                    + file + ": " + Reasons.withoutPath(e) + "; nothing was sent");
        }
        if (notice != null) {
            notices.accept(notice);
        }
    }

    /** The notice to give, or null when the identity was known. */
    private String checkLocked(FileChannel channel, HostPort where, Fingerprint seen) throws IOException {
        byte[] content = readAll(channel);
        List<Entry> recorded = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Entry entry = Entry.parse(i + 1, line);
            if (entry == null) {
                skipped.add(i + 1);
            } else if (entry.where().equals(where)) {
                if (entry.fingerprint().equals(seen)) {
                    return null;
                }
                recorded.add(entry);
            }
        }
        if (!recorded.isEmpty()) {
            throw changed(where, seen, recorded);
        }
        append(channel, content, where + " " + seen.hex() + "\n");
        String notice = "first connection to the " + peerName + " at " + where + ": recorded its identity "
                + seen + " in " + file;
        if (!skipped.isEmpty()) {
            notice += " (" + lines(skipped) + " of it could not be read and " + (skipped.size() == 1 ? "was" : "were")
                    + " skipped)";
        }
        return notice;
    }

    private UntrustedPeerException changed(HostPort where, Fingerprint seen, List<Entry> recorded) {
        List<Integer> numbers = recorded.stream().map(Entry::line).toList();
        String fingerprints = recorded.stream().map(e -> e.fingerprint().toString()).collect(Collectors.joining(", "));
        return new UntrustedPeerException("the identity of the " + peerName + " at " + where + " has changed: it"
                + " presents " + seen + ", but " + lines(numbers) + " of " + file + (numbers.size() == 1 ? " records " : " record ")
                + fingerprints + ". Someone may be intercepting the connection (a man in the middle), or the " + peerName
                + " has a new identity; nothing was sent. If the change is expected, remove " + lines(numbers) + " from "
                + file + ", or connect with --pin " + seen + ".");
    }

    private static String lines(List<Integer> numbers) {
        return (numbers.size() == 1 ? "line " : "lines ")
                + numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("the file is too large to be a list of known hosts");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        channel.position(0);
        // until full: the file does not change while it is locked
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break;
            }
        }
        return buffer.array();
    }

    private static void append(FileChannel channel, byte[] content, String entry) throws IOException {
        StringBuilder text = new StringBuilder();
        if (content.length == 0) {
            text.append(HEADER);
        } else if (content[content.length - 1] != '\n') {
            text.append('\n'); // the user's last line had no line break: do not join ours to it
        }
        text.append(entry);
        ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        channel.position(content.length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    /** One line of the file: where, what identity, and its line number for messages. */
    private record Entry(int line, HostPort where, Fingerprint fingerprint) {

        /** The entry on a line that is neither blank nor a comment, or null if it cannot be read. */
        static Entry parse(int number, String line) {
            String[] fields = line.split("\\s+");
            if (fields.length < 2) {
                return null;
            }
            HostPort where = HostPort.parse(fields[0]).orElse(null);
            if (where == null) {
                return null;
            }
            try {
                return new Entry(number, where, Fingerprint.parse(fields[1]));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return "KnownHosts[" + file + "]";
    }
}
