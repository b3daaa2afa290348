package dev.txrx.receiver.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Collects what one logger logs, for tests that check what was logged and how often. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    public LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        start();
        logger.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** Warnings and errors whose message mentions {@code text}. */
    public List<String> problemsMentioning(String text) {
        return events.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(text))
                .collect(Collectors.toList());
    }

    /** Every line, of any level, whose message mentions {@code text}. */
    public List<String> linesMentioning(String text) {
        return events.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(text))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
