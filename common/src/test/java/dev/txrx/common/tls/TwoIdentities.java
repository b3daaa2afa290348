package dev.txrx.common.tls;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** What the TLS tests start from: a listening and a connecting identity, made once per class. */
abstract class TwoIdentities {

    @TempDir
    static Path identities;
    static SelfSigned listener;
    static SelfSigned connector;

    @BeforeAll
    static void identities() throws Exception {
        listener = SelfSigned.create(identities, "listener");
        connector = SelfSigned.create(identities, "connector");
    }
}
