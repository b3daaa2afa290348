package dev.txrx.common.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The per-connection log gate: a budget per window, one line for what it dropped, each connection apart. */
class PeerLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.txrx.test.PeerLogTest");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final AtomicLong clock = new AtomicLong();

    @BeforeEach
    void capture() {
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void linesBeyondTheBudgetAreDroppedAndCountedInOneLineWhenTheWindowEnds() {
        PeerLog gate = new PeerLog("receiver 10.0.0.1:5000", clock::get);
        for (int i = 0; i < 1000; i++) {
            gate.info(logger, "receiver {} asked for statistics ({})", "10.0.0.1:5000", i);
        }
        assertThat(lines()).hasSize(PeerLog.BUDGET);

        clock.addAndGet(PeerLog.WINDOW.toNanos());
        gate.info(logger, "receiver {} asked for statistics ({})", "10.0.0.1:5000", 1000);

        assertThat(lines()).hasSize(PeerLog.BUDGET + 2);
        assertThat(lines().get(PeerLog.BUDGET)).isEqualTo(
                "receiver 10.0.0.1:5000 caused 980 more log lines, suppressed (at most 20 per 10s for one connection)");
        assertThat(lines().get(PeerLog.BUDGET + 1)).endsWith("(1000)");
    }

    @Test
    void closingTellsWhatWasDroppedSinceTheLastCount() {
        PeerLog gate = new PeerLog("sender 10.0.0.2:6000", clock::get);
        for (int i = 0; i < PeerLog.BUDGET + 1; i++) {
            gate.debug(logger, "line {}", i);
        }
        gate.close();
        assertThat(lines()).last().isEqualTo(
                "sender 10.0.0.2:6000 caused 1 more log line, suppressed (at most 20 per 10s for one connection)");
        gate.close();
        assertThat(lines()).hasSize(PeerLog.BUDGET + 1);
    }

    @Test
    void oneConnectionsFloodDoesNotTouchAnothersBudget() {
        PeerLog flooded = new PeerLog("receiver a", clock::get);
        PeerLog quiet = new PeerLog("receiver b", clock::get);
        for (int i = 0; i < 500; i++) {
            flooded.warn(logger, "a {}", i);
        }
        quiet.warn(logger, "b {}", 0);
        assertThat(lines()).filteredOn(line -> line.startsWith("b ")).containsExactly("b 0");
    }

    @Test
    void aLineTheLoggerWouldDropCostsNothing() {
        logger.setLevel(Level.INFO);
        PeerLog gate = new PeerLog("receiver c", clock::get);
        for (int i = 0; i < 100; i++) {
            gate.debug(logger, "noise {}", i);
        }
        gate.info(logger, "kept");
        gate.close();
        assertThat(lines()).containsExactly("kept");
    }
}
