package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

    private static final String HEADER = "# txrx: the identities of the peers this side connected to,"
            + " one a line: HOST:PORT SHA-256-FINGERPRINT\n";

    @TempDir
    Path dir;

    private final X509Certificate first = Certificates.fresh();
    private final X509Certificate second = Certificates.fresh();
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    private KnownHosts knownHosts(Path file) {
        return new KnownHosts(file, "sender", notices::add);
    }

    @Test
    void recordsTheFirstIdentityAndSaysSo() throws IOException {
        Path file = dir.resolve("config").resolve("known_hosts");

        knownHosts(file).check("192.0.2.1", 7878, first);

        assertThat(notices).containsExactly("first connection to the sender at 192.0.2.1:7878: recorded its identity "
                + Fingerprint.of(first) + " in " + file);
        assertThat(file).hasContent(HEADER + "192.0.2.1:7878 " + Fingerprint.of(first).hex());
        if (OwnerOnlyFiles.posix(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void acceptsTheRecordedIdentitySilently() throws IOException {
        Path file = dir.resolve("known_hosts");
        knownHosts(file).check("192.0.2.1", 7878, first);
        notices.clear();
        String recorded = Files.readString(file);

        knownHosts(file).check("192.0.2.1", 7878, first);

        assertThat(notices).isEmpty();
        assertThat(file).hasContent(recorded);
    }

    @Test
    void refusesAChangedIdentityAsSshDoes() throws IOException {
        Path file = dir.resolve("known_hosts");
        knownHosts(file).check("files.example.org", 7878, first);

        assertThatThrownBy(() -> knownHosts(file).check("Files.Example.org", 7878, second))
                .isInstanceOf(UntrustedPeerException.class)
                .hasMessage("the identity of the sender at files.example.org:7878 has changed: it presents "
                        + Fingerprint.of(second) + ", but line 2 of " + file + " records " + Fingerprint.of(first)
                        + ". Someone may be intercepting the connection (a man in the middle), or the sender has a new"
                        + " identity; nothing was sent. If the change is expected, remove line 2 from " + file
                        + ", or connect with --pin " + Fingerprint.of(second) + ".");
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void isKeyedByHostAndPort() throws IOException {
        Path file = dir.resolve("known_hosts");
        KnownHosts knownHosts = knownHosts(file);
        knownHosts.check("192.0.2.1", 7878, first);
        knownHosts.check("192.0.2.1", 7879, second);
        knownHosts.check("192.0.2.2", 7878, second);

        assertThat(notices).hasSize(3);
        assertThat(Files.readAllLines(file)).containsExactly(HEADER.strip(),
                "192.0.2.1:7878 " + Fingerprint.of(first).hex(),
                "192.0.2.1:7879 " + Fingerprint.of(second).hex(),
                "192.0.2.2:7878 " + Fingerprint.of(second).hex());
    }

    @Test
    void writesIpv6HostsInBrackets() throws IOException {
        Path file = dir.resolve("known_hosts");
        knownHosts(file).check("::1", 7878, first);

        assertThatCode(() -> knownHosts(file).check("[::1]", 7878, first)).doesNotThrowAnyException();
        assertThat(Files.readAllLines(file)).last().isEqualTo("[::1]:7878 " + Fingerprint.of(first).hex());
        assertThat(notices).containsExactly("first connection to the sender at [::1]:7878: recorded its identity "
                + Fingerprint.of(first) + " in " + file);
    }

    @Test
    void readsEntriesWrittenByHandAndSkipsWhatItCannotRead() throws IOException {
        Path file = dir.resolve("known_hosts");
        String colons = Fingerprint.of(first).hex().toUpperCase().replaceAll("(..)(?!$)", "$1:");
        Files.writeString(file, "# mine\n\n  example.org:7878 " + colons + " the NAS\n"
                + "garbled\n"
                + "example.org 0123\n"
                + "example.net:99999 " + Fingerprint.of(second).hex() + "\n"
                + "example.com:7878 " + Fingerprint.of(second).hex()); // no line break at the end

        knownHosts(file).check("example.org", 7878, first);
        assertThat(notices).isEmpty();
        knownHosts(file).check("example.net", 7878, second);

        assertThat(notices).containsExactly("first connection to the sender at example.net:7878: recorded its identity "
                + Fingerprint.of(second) + " in " + file + " (lines 4, 5, 6 of it could not be read and were skipped)");
        assertThat(Files.readAllLines(file)).endsWith("example.com:7878 " + Fingerprint.of(second).hex(),
                "example.net:7878 " + Fingerprint.of(second).hex());
    }

    @Test
    void acceptsAnyOfSeveralRecordedIdentitiesAndNamesThemAllWhenNoneMatches() throws IOException {
        Path file = dir.resolve("known_hosts");
        X509Certificate third = Certificates.fresh();
        Files.writeString(file, "h:1 " + Fingerprint.of(first).hex() + "\nh:1 " + Fingerprint.of(second).hex() + "\n");

        assertThatCode(() -> knownHosts(file).check("h", 1, second)).doesNotThrowAnyException();
        assertThatThrownBy(() -> knownHosts(file).check("h", 1, third))
                .hasMessageContaining("but lines 1, 2 of " + file + " record " + Fingerprint.of(first) + ", " + Fingerprint.of(second))
                .hasMessageContaining("remove lines 1, 2 from " + file);
    }

    @Test
    void refusesWhenTheFileCannotBeUsed() throws IOException {
        Path file = dir.resolve("known_hosts");
        Files.createDirectory(file);

        assertThatThrownBy(() -> knownHosts(file).check("h", 1, first))
                .isInstanceOf(UntrustedPeerException.class)
                .hasMessageStartingWith("cannot check the sender at h:1 against " + file + ": ")
                .hasMessageEndingWith("; nothing was sent");
    }

    @Test
    @Timeout(60)
    void concurrentFirstConnectionsRecordOneIdentity() throws Exception {
        Path file = dir.resolve("known_hosts");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                X509Certificate certificate = i % 2 == 0 ? first : second;
                results.add(pool.submit(() -> {
                    start.await();
                    knownHosts(file).check("h", 1, certificate);
                    return null;
                }));
            }
            start.countDown();
            int refused = 0;
            for (Future<?> result : results) {
                try {
                    result.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(UntrustedPeerException.class);
                    refused++;
                }
            }

            assertThat(notices).hasSize(1);
            assertThat(refused).isEqualTo(threads / 2);
            assertThat(Files.readAllLines(file)).hasSize(2);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
