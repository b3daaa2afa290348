package dev.txrx.common.transport;

import dev.txrx.common.tls.AccessToken;
import dev.txrx.common.tls.ServerCheck;
import dev.txrx.common.tls.Tls;

/**
 * How one side protects and admits its connections: TLS 1.3 with its identity, or in clear
 * ({@code --plain}); on the connecting side, how the listening side's certificate is checked and
 * which access token our HELLO presents; on the listening side, whom it admits.
 *
 * @param tls         TLS with our identity, or null to speak in clear
 * @param serverCheck connecting side: the pin or the known hosts; null on a listening side
 * @param token       connecting side: the access token to present, or null for none
 * @param admission   listening side: who may talk to us once the HELLOs are exchanged
 */
public record Security(Tls tls, ServerCheck serverCheck, AccessToken token, Admission admission) {

    /** In clear, presenting nothing, admitting anyone: {@code --plain}, and the tests of the frames alone. */
    public static final Security PLAIN = new Security(null, null, null, Admission.ANYONE);

    public Security {
        if (admission == null) {
            admission = Admission.ANYONE;
        }
        if (tls == null && token != null) {
            throw new IllegalArgumentException("an access token is never sent in clear");
        }
    }

    /** TLS for a listening side that admits as {@code admission} says. */
    public static Security listening(Tls tls, Admission admission) {
        return new Security(tls, null, null, admission);
    }

    /** TLS for a connecting side that checks the listening side with {@code check} and presents {@code token}. */
    public static Security connecting(Tls tls, ServerCheck check, AccessToken token) {
        return new Security(tls, check, token, Admission.ANYONE);
    }

    /** True when connections go in clear. */
    public boolean plain() {
        return tls == null;
    }

    /** The token's text as our HELLO carries it: empty for none. */
    String presentedToken() {
        return token == null ? "" : token.reveal();
    }
}
