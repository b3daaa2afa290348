package dev.txrx.common.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.tls.AccessToken;
import dev.txrx.common.tls.AuthorizedKeys;
import dev.txrx.common.tls.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who gets in: the token of the run, or an authorized identity; every refusal says what to do. */
class AuthorizationTest {

    private static final Fingerprint KNOWN = Fingerprint.ofDer(new byte[] {1, 2, 3});
    private static final Fingerprint STRANGER = Fingerprint.ofDer(new byte[] {4, 5, 6});

    @TempDir
    Path dir;

    private final AccessToken token = AccessToken.generate();

    private Authorization authorization(AccessToken token, AuthorizedKeys keys) {
        return new Authorization(token, keys, "sender", new FailedAttempts(Clock.systemUTC()));
    }

    private AuthorizedKeys keys() throws Exception {
        return AuthorizedKeys.read(Files.writeString(dir.resolve("keys"), KNOWN.hex() + " laptop\n"));
    }

    @Test
    void theTokenAdmitsWhateverTheIdentity() throws Exception {
        assertThat(authorization(token, null).refusal("10.0.0.1", STRANGER, token.reveal())).isNull();
    }

    @Test
    void noTokenOrAWrongOneIsRefusedWithWhatToDo() throws Exception {
        Authorization authorization = authorization(token, null);

        assertThat(authorization.refusal("10.0.0.1", STRANGER, ""))
                .isEqualTo("this sender requires authorization: connect with the ticket it printed (--ticket)"
                        + " or its token (--token-file)");
        assertThat(authorization.refusal("10.0.0.1", STRANGER, AccessToken.generate().reveal()))
                .isEqualTo("wrong access token for this sender");
    }

    @Test
    void anAuthorizedIdentityNeedsNoToken() throws Exception {
        Authorization authorization = authorization(null, keys());

        assertThat(authorization.refusal("10.0.0.1", KNOWN, "")).isNull();
        assertThat(authorization.refusal("10.0.0.1", STRANGER, "")).contains("is not in this sender's authorized keys");
        assertThat(authorization.refusal("10.0.0.1", null, "")).as("in clear, no identity").isNotNull();
    }

    @Test
    void eitherAdmitsWhenBothAreGiven() throws Exception {
        Authorization authorization = authorization(token, keys());

        assertThat(authorization.refusal("10.0.0.1", KNOWN, "")).isNull();
        assertThat(authorization.refusal("10.0.0.1", STRANGER, token.reveal())).isNull();
        assertThat(authorization.refusal("10.0.0.1", STRANGER, "")).contains("requires authorization");
    }

    @Test
    void anAuthorizationNeedsSomethingToCheck() {
        assertThatThrownBy(() -> new Authorization(null, null, "sender"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
