package dev.txrx.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

/**
 * How a log event reads on the console, among the lines the app prints itself: the app's name,
 * the level as a word where it matters, and the message; no time stamp, no thread, no logger
 * ({@code sender: warning: skipping symbolic link docs/latest}). The log file keeps all of those.
 */
final class ConsoleLine extends LayoutBase<ILoggingEvent> {

    private final String app;

    private ConsoleLine(String app) {
        this.app = app;
    }

    /** An encoder of console lines for {@code app}, started. */
    static Encoder<ILoggingEvent> encoder(Context context, String app) {
        ConsoleLine layout = new ConsoleLine(app);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return format(app, event.getLevel(), event.getFormattedMessage());
    }

    /** {@code app: warning: message}, {@code app: error: message}, or {@code app: message} below WARN; and a line end. */
    static String format(String app, Level level, String message) {
        String word = level.isGreaterOrEqual(Level.ERROR) ? "error: "
                : level.isGreaterOrEqual(Level.WARN) ? "warning: " : "";
        return app + ": " + word + message + System.lineSeparator();
    }
}
