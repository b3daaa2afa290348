package dev.txrx.sender.cli;

import dev.txrx.cli.ConnectOptions;
import picocli.CommandLine.Option;

/**
 * The sender's options for uploading to a listening receiver: its address ({@code --connect}) and,
 * from {@link ConnectOptions}, the retries.
 */
final class ReceiverAddress extends ConnectOptions {

    @Option(names = "--connect", paramLabel = "HOST:PORT", arity = "0..1", fallbackValue = "", order = 1,
            description = "Connect to a receiver that listens (receiver --listen) and send to it, instead of "
                + "listening; exits after that one session. With --ticket, the address may be left out; an "
                + "IPv6 address goes in brackets ([::1]:47474).")
    String connect;
}
