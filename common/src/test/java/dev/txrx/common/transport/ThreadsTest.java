package dev.txrx.common.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

    @Test
    void perTaskThreadsAreVirtualExactlyOnAJdkWhoseVirtualThreadsDoNotPin() throws Exception {
        boolean expected = Runtime.version().feature() >= Threads.VIRTUAL_FROM;
        assertThat(Threads.virtual()).isEqualTo(expected);
        AtomicReference<Thread> ran = new AtomicReference<>();
        ExecutorService executor = Threads.perTaskExecutor("connection");
        executor.execute(() -> ran.set(Thread.currentThread()));
        executor.shutdown();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

        assertThat(ran.get().getName()).isEqualTo("connection-1");
        assertThat(ran.get().isDaemon()).isTrue();
        assertThat(isVirtual(ran.get())).isEqualTo(expected);
        assertThat(isVirtual(Threads.task("generator", () -> { }))).isEqualTo(expected);
    }

    @Test
    void noVirtualThreadsBeforeJdk24OrWhenTurnedOff() {
        assertThat(Threads.VirtualThreads.lookUp(21, true)).isNull();
        assertThat(Threads.VirtualThreads.lookUp(17, true)).isNull();
        assertThat(Threads.VirtualThreads.lookUp(Threads.VIRTUAL_FROM, false)).isNull();
    }

    /** Thread.isVirtual(), which JDK 17 lacks: false there. */
    private static boolean isVirtual(Thread thread) throws Exception {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
