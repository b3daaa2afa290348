package dev.txrx.common.text;

/** Turns an exception into the one-line reason a person reads. */
public final class Reasons {

    private Reasons() {
    }

    /** The exception's message, or its class's simple name when it has none. */
    public static String of(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
