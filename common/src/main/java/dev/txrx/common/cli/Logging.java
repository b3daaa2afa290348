package dev.txrx.common.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Adjusts logback at start-up from the command-line options. */
public final class Logging {

    private Logging() {
    }

    /** With {@code verbose}, the apps log at DEBUG, which includes every frame. */
    public static void configure(boolean verbose) {
        if (LoggerFactory.getLogger("dev.txrx") instanceof Logger logger) {
            logger.setLevel(verbose ? Level.DEBUG : Level.INFO);
        }
    }
}
