package dev.txrx.common.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(10)
class ThreadsTest {

    @Test
    void anErrorThatEndsAThreadIsLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Threads.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Thread pooled = Threads.named("connection").newThread(() -> {
                throw new OutOfMemoryError("Java heap space");
            });
            pooled.start();
            pooled.join();

            assertThat(appender.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                    .isEqualTo("thread connection-1 ended by java.lang.OutOfMemoryError: Java heap space");
        } finally {
            logger.detachAppender(appender);
        }
    }
}
