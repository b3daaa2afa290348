package dev.txrx.common.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An identity is what the JDK's TLS 1.3 accepts at either end, with the stock PKIX key and trust
 * managers: its key usages suit a server and a client, and a peer that trusts exactly that
 * certificate accepts it.
 */
class IdentityTlsTest {

    private static final char[] NO_PASSWORD = new char[0];

    @TempDir
    Path temp;

    @Test
    @Timeout(30)
    void twoIdentitiesCompleteAMutualTls13Handshake() throws Exception {
        Identity server = Identity.loadOrCreate(temp.resolve("server"));
        Identity client = Identity.loadOrCreate(temp.resolve("client"));
        SSLContext serverContext = context(server, client);
        SSLContext clientContext = context(client, server);

        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            listener.setNeedClientAuth(true);
            CompletableFuture<Certificate> seenByServer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                    return accepted.getSession().getPeerCertificates()[0];
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setEnabledProtocols(new String[] {"TLSv1.3"});
                socket.startHandshake();

                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
                assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(server.certificate());
                assertThat(seenByServer.get(20, TimeUnit.SECONDS)).isEqualTo(client.certificate());
            }
        }
    }

    /** A context presenting {@code own} and trusting only {@code peer}'s certificate. */
    private static SSLContext context(Identity own, Identity peer) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("own", own.privateKey(), NO_PASSWORD, new Certificate[] {own.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
        keyManagers.init(keys, NO_PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("peer", peer.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
