package dev.txrx.receiver.store;

import dev.txrx.common.transport.LocalFailureException;

/** With {@code --on-exists fail}: a file arrived under a name that already exists. */
final class FileExistsPolicyException extends LocalFailureException {
    private static final long serialVersionUID = 1L;

    private final String name;

    FileExistsPolicyException(String name) {
        super(name + " already exists in the output directory (--on-exists fail)");
        this.name = name;
    }

    /** The entry name, as it came from the sender. */
    String name() {
        return name;
    }
}
