package dev.txrx.common.transport;

import dev.txrx.common.tls.AccessToken;
import dev.txrx.common.tls.AuthorizedKeys;
import dev.txrx.common.tls.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * The admission of {@code sender --send} and {@code receiver --listen} (and of the other modes with
 * {@code --require-token}): a peer gets in with the access token of this run, or with an identity
 * listed in the authorized keys. The token is compared in constant time. An address that keeps
 * failing waits longer and longer for its answer ({@link FailedAttempts}).
 */
public final class Authorization implements Admission {

    private final AccessToken token;
    private final AuthorizedKeys keys;
    private final FailedAttempts failures;
    private final String self;

    /**
     * @param token the token that admits a peer, or null for none
     * @param keys  the identities admitted without a token, or null for none
     * @param self  this side's name in refusals, {@code sender} or {@code receiver}
     */
    public Authorization(AccessToken token, AuthorizedKeys keys, String self) {
        this(token, keys, self, new FailedAttempts(Clock.systemUTC()));
    }

    Authorization(AccessToken token, AuthorizedKeys keys, String self, FailedAttempts failures) {
        if (token == null && keys == null) {
            throw new IllegalArgumentException("an authorization needs a token or authorized keys");
        }
        this.token = token;
        this.keys = keys;
        this.self = self;
        this.failures = failures;
    }

    @Override
    public String refusal(String host, Fingerprint identity, String presented) throws InterruptedException {
        if (keys != null && identity != null && keys.contains(identity)) {
            failures.succeeded(host);
            return null;
        }
        // matches() takes constant time for a given length; every refusal below costs the same pause
        if (token != null && !presented.isEmpty() && token.matches(presented.getBytes(StandardCharsets.US_ASCII))) {
            failures.succeeded(host);
            return null;
        }
        Duration pause = failures.failed(host);
        if (!pause.isZero()) {
            Thread.sleep(pause.toMillis());
        }
        return reason(identity, presented);
    }

    private String reason(Fingerprint identity, String presented) {
        if (token == null) {
            return "identity " + identity + " is not in this " + self + "'s authorized keys";
        }
        if (presented.isEmpty()) {
            return "this " + self + " requires authorization: connect with the ticket it printed (--ticket)"
                    + " or its token (--token-file)";
        }
        return "wrong access token for this " + self;
    }
}
