package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.RetryNotice;
import dev.txrx.cli.report.TransferReporting;
import dev.txrx.common.transport.Connector;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.receiver.conversation.ReceiverSettings;
import dev.txrx.receiver.store.DiskThreads;

/**
 * What every mode of the receiver runs with: the checked settings, the process's watchdog and
 * disk threads (the command owns both), Ctrl-C, the console, and what is shown of transfers as they go.
 */
record RunContext(ReceiverSettings settings, StallWatchdog watchdog, DiskThreads threads, Interruption interruption,
                  CommandOutput output, TransferReporting reporting) {

    /** A connector to the sender that prints each failed attempt. */
    Connector connector() {
        return settings.connector(new RetryNotice("receiver", settings.target(), output.err()), interruption::pause);
    }
}
