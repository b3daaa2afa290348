package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {

    @TempDir
    Path temp;
    Path dir;

    @BeforeEach
    void directory() {
        dir = temp.resolve("config").resolve("txrx");
    }

    @Test
    void theDefaultDirectoryIsUnderXdgConfigHomeWhenItIsAbsolute() {
        assertThat(Identity.defaultDirectory(Map.of("XDG_CONFIG_HOME", "/x/cfg", "HOME", "/home/a")))
                .isEqualTo(Path.of("/x/cfg/txrx"));
    }

    @Test
    void theDefaultDirectoryIsUnderHomeOtherwise() {
        Path expected = Path.of("/home/a/.config/txrx");

        assertThat(Identity.defaultDirectory(Map.of("HOME", "/home/a"))).isEqualTo(expected);
        assertThat(Identity.defaultDirectory(Map.of("XDG_CONFIG_HOME", "", "HOME", "/home/a"))).isEqualTo(expected);
        assertThat(Identity.defaultDirectory(Map.of("XDG_CONFIG_HOME", "cfg", "HOME", "/home/a"))).isEqualTo(expected);
    }

    @Test
    void withoutEitherVariableTheDefaultDirectoryIsUnknown() {
        assertThatThrownBy(() -> Identity.defaultDirectory(Map.of("XDG_CONFIG_HOME", "relative")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("XDG_CONFIG_HOME")
                .hasMessageContaining("HOME is set")
                .hasMessageContaining("--identity DIR");
    }

    @Test
    void isCreatedOnFirstUseWithOwnerOnlyPermissions() throws IOException {
        assumePosix();
        Identity identity = Identity.loadOrCreate(dir);

        assertThat(identity.created()).isTrue();
        assertThat(identity.directory()).isEqualTo(dir);
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("identity.key"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("identity.crt"))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("identity.key"))).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(dir.resolve("identity.crt"))).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
    }

    @Test
    void theCertificateIsSelfSignedOnAP256KeyForAHundredYears() throws Exception {
        Instant before = Instant.now();
        Identity identity = Identity.loadOrCreate(dir);
        Instant after = Instant.now();
        X509Certificate certificate = identity.certificate();

        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=txrx");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(certificate.getSerialNumber()).isPositive().satisfies(s -> assertThat(s.bitLength()).isLessThanOrEqualTo(128));
        Instant notBefore = certificate.getNotBefore().toInstant();
        assertThat(notBefore).isBetween(before.minus(Duration.ofDays(1)).minusSeconds(1), after.minus(Duration.ofDays(1)));
        assertThat(certificate.getNotAfter().toInstant())
                .isEqualTo(notBefore.atZone(ZoneOffset.UTC).plusYears(100).toInstant());
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(identity.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(identity.fingerprint()).isEqualTo(Fingerprint.of(certificate));
    }

    @Test
    void twoIdentitiesHaveDifferentKeysAndSerials() throws IOException {
        Identity one = Identity.loadOrCreate(temp.resolve("one"));
        Identity two = Identity.loadOrCreate(temp.resolve("two"));

        assertThat(one.fingerprint()).isNotEqualTo(two.fingerprint());
        assertThat(one.certificate().getPublicKey()).isNotEqualTo(two.certificate().getPublicKey());
        assertThat(one.certificate().getSerialNumber()).isNotEqualTo(two.certificate().getSerialNumber());
    }

    @Test
    void isLoadedOnLaterUse() throws IOException {
        Identity made = Identity.loadOrCreate(dir);
        Identity loaded = Identity.loadOrCreate(dir);

        assertThat(loaded.created()).isFalse();
        assertThat(loaded.fingerprint()).isEqualTo(made.fingerprint());
        assertThat(loaded.certificate()).isEqualTo(made.certificate());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(made.privateKey().getEncoded());
    }

    @Test
    void refusesAKeyThatOthersCanRead() throws IOException {
        assumePosix();
        Identity.loadOrCreate(dir);
        Path key = dir.resolve("identity.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> Identity.loadOrCreate(dir))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(key.toString())
                .hasMessageContaining("(mode 0644)")
                .hasMessageEndingWith("chmod 600 " + key)
                .hasMessageNotContaining("\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-----w-"));
        assertThatThrownBy(() -> Identity.loadOrCreate(dir)).hasMessageContaining("(mode 0602)");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        assertThat(Identity.loadOrCreate(dir).created()).isFalse();
    }

    @Test
    void aDamagedCertificateIsNamed() throws IOException {
        Identity.loadOrCreate(dir);
        Path crt = dir.resolve("identity.crt");
        Files.writeString(crt, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> Identity.loadOrCreate(dir))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(crt + " is damaged: it does not hold a certificate")
                .hasMessageNotContaining("\n");
        Files.writeString(crt, "garbage");
        assertThatThrownBy(() -> Identity.loadOrCreate(dir)).hasMessageStartingWith(crt + " is damaged");
    }

    @Test
    void aDamagedKeyIsNamed() throws IOException {
        Identity.loadOrCreate(dir);
        Path key = dir.resolve("identity.key");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> Identity.loadOrCreate(dir))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(key + " is damaged: it does not hold an EC private key")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() throws IOException {
        Identity.loadOrCreate(dir);
        Path other = temp.resolve("other");
        Identity.loadOrCreate(other);
        Files.copy(other.resolve("identity.key"), dir.resolve("identity.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> Identity.loadOrCreate(dir))
                .hasMessage(dir.resolve("identity.key") + " is not the key of the certificate " + dir.resolve("identity.crt")
                        + ": restore the pair, or remove both to make a new identity");
    }

    @Test
    void neverReplacesAKeyWhoseCertificateIsMissing() throws IOException {
        Identity.loadOrCreate(dir);
        byte[] key = Files.readAllBytes(dir.resolve("identity.key"));
        Files.delete(dir.resolve("identity.crt"));

        assertThatThrownBy(() -> Identity.loadOrCreate(dir))
                .hasMessageStartingWith(dir.resolve("identity.crt") + " is missing, though " + dir.resolve("identity.key") + " is there");
        assertThat(Files.readAllBytes(dir.resolve("identity.key"))).isEqualTo(key);
    }

    @Test
    @Timeout(60)
    void threadsStartingAtOnceGetOneIdentity() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Identity>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return Identity.loadOrCreate(dir);
                }));
            }
            start.countDown();
            List<Identity> identities = new ArrayList<>();
            for (Future<Identity> result : results) {
                identities.add(result.get());
            }

            assertThat(identities).filteredOn(Identity::created).hasSize(1);
            assertThat(identities).extracting(Identity::fingerprint).containsOnly(identities.get(0).fingerprint());
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("identity.key", "identity.crt", ".lock");
        }
    }

    @Test
    void theTextFormNamesNoKey() throws IOException {
        Identity identity = Identity.loadOrCreate(dir);
        String key = Base64.getEncoder().encodeToString(identity.privateKey().getEncoded());

        assertThat(identity.toString()).contains(identity.fingerprint().toString()).contains(dir.toString())
                .doesNotContain(key.substring(0, 16)).doesNotContainIgnoringCase("private");
        assertThat(identity.toString()).doesNotContain(((ECPrivateKey) identity.privateKey()).getS().toString(16));
    }

    @Test
    @Timeout(60)
    void opensslReadsTheFilesAndComputesTheSameFingerprint() throws Exception {
        assumeThat(onPath("openssl")).as("openssl on the PATH").isTrue();
        Identity identity = Identity.loadOrCreate(dir);

        String printed = run("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", dir.resolve("identity.crt").toString());
        assertThat(Fingerprint.parse(printed)).isEqualTo(identity.fingerprint());
        String publicKey = run("openssl", "pkey", "-pubout", "-in", dir.resolve("identity.key").toString());
        assertThat(publicKey).contains(Base64.getEncoder().encodeToString(identity.certificate().getPublicKey().getEncoded()).substring(0, 60));
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.replace("\n", "");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private void assumePosix() {
        assumeThat(OwnerOnlyFiles.posix(temp)).as("a POSIX file system").isTrue();
    }
}
