package dev.txrx.sender.cli;

import dev.txrx.cli.BindAddress;
import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.HostPortConverter;
import dev.txrx.cli.Credentials;
import dev.txrx.cli.ExitCode;
import dev.txrx.cli.SecurityOptions;
import dev.txrx.common.tls.Ticket;
import dev.txrx.cli.LogFileOptions;
import dev.txrx.cli.Logging;
import dev.txrx.cli.report.TransferReporting;
import dev.txrx.cli.OutputOptions;
import dev.txrx.cli.RunLog;
import dev.txrx.cli.TimeoutOptions;
import dev.txrx.cli.VersionProvider;
import dev.txrx.sender.content.LocalTree;
import dev.txrx.sender.server.SenderSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code sender} command: listens, and streams freshly generated files to each receiver. */
@Command(name = "sender", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        customSynopsis = {
            "sender [OPTIONS] [FILE...]",
            "       sender --trickle [OPTIONS]",
            "       sender --connect HOST:PORT [OPTIONS] [FILE...]"},
        description = {
            "",
            "Waits for receivers. For each one that connects it generates random files, writes each to "
                + "the output directory as file_<n>.bits and streams it while it is written (or, with "
                + "--no-save, only streams it), then ends with totals and a session digest that the "
                + "receiver verifies. Given files, it serves those instead.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  sender                          100 generated files to each receiver",
            "  sender --once -n 20             20 files to one receiver, then exit",
            "  sender photos notes.txt         these files, to receivers with the ticket",
            "  sender --no-save --rate 100Mbit memory to memory, at most 100 Mbit/s",
            "  sender --trickle                a text stream of random bursts",
            "  sender --connect host:47474 a   upload a to receiver --listen",
            "  tar c d | sender --send -       stdin as one stream, to one receiver"})
public final class SenderCommand implements Callable<Integer> {

    /** The default port of both apps. */
    public static final String DEFAULT_PORT = "47474";

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE",
            description = "Files and directories to send instead of generated files: the same as --send.")
    List<Path> positionalPaths = new ArrayList<>();

    @ArgGroup(validate = false, heading = "%nServing:%n", order = 1)
    ServingOptions serving = new ServingOptions();

    @ArgGroup(validate = false, heading = "%nGenerated files (without FILE or --send):%n", order = 2)
    GeneratedOptions files = new GeneratedOptions();

    @ArgGroup(validate = false, heading = "%nTrickle (--trickle):%n", order = 3)
    TrickleOptions stream = new TrickleOptions();

    @ArgGroup(validate = false, heading = "%nConnecting to a listening receiver (--connect):%n", order = 4)
    ReceiverAddress connection = new ReceiverAddress();

    @ArgGroup(validate = false, heading = "%nSecurity:%n", order = 5)
    SecurityOptions security = new SecurityOptions();

    @ArgGroup(validate = false, heading = "%nTimeouts:%n", order = 6)
    TimeoutOptions timeouts = new TimeoutOptions();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 7)
    OutputOptions output = new OutputOptions();

    @ArgGroup(validate = false, heading = "%nLog file:%n", order = 8)
    LogFileOptions logFile = new LogFileOptions();

    @Override
    public Integer call() throws IOException, InterruptedException {
        SenderSettings settings = validated();
        InetSocketAddress receiver = connecting() ? receiver() : null;
        Logging.configure("sender", output.frames(), logFile, spec.commandLine().getErr());
        RunLog.started("sender", (receiver != null ? "connect" : "listen") + ", " + (!sendPaths().isEmpty() ? "send"
                : stream.trickle ? "trickle" : "generate"), spec.commandLine().getParseResult());
        CommandOutput console = CommandOutput.of(spec.commandLine(), output);
        Credentials credentials;
        try {
            credentials = Credentials.load(security, System.getenv());
        } catch (IOException e) {
            console.fail("sender", e.getMessage());
            return ExitCode.FAILED;
        }
        try (TransferReporting reporting = TransferReporting.of("sender", output, console)) {
            if (receiver != null) {
                return new ConnectingSender(settings, credentials, receiver, connection.retryPolicy(),
                        connection.connectTimeout, console, reporting, !output.noProgress).run();
            }
            return new ListeningSender(settings, credentials, console, reporting).run();
        }
    }

    /** True when the sender connects to a listening receiver: {@code --connect}, or a ticket. */
    private boolean connecting() {
        return connection.connect != null || security.ticket != null;
    }

    /** The receiver to connect to: {@code --connect HOST:PORT}, or the ticket's address. */
    private InetSocketAddress receiver() {
        if (connection.connect != null && !connection.connect.isEmpty()) {
            try {
                return new HostPortConverter().convert(connection.connect);
            } catch (CommandLine.TypeConversionException e) {
                throw new ParameterException(spec.commandLine(), "--connect: " + e.getMessage());
            }
        }
        Ticket ticket = Ticket.parse(security.ticket);
        return InetSocketAddress.createUnresolved(ticket.hosts().get(0), ticket.port());
    }

    private SenderSettings validated() {
        files.settleIntervals(spec.commandLine().getParseResult().hasMatchedOption("--min-interval"));
        String problem = firstProblem();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        List<Path> sendPaths = sendPaths();
        boolean stdin = ServingOptions.asksForStandardInput(sendPaths);
        SenderSettings settings = new SenderSettings(serving.bind, serving.port, sendPaths, files.settings(), files.seed, files.outputDir,
                !files.noSave, serving.once, serving.rate == null ? 0 : serving.rate, serving.maxClients,
                timeouts.handshake, timeouts.idle,
                stream.settings(pauses()), timeouts.minRate, dev.txrx.common.transport.Security.PLAIN, null, serving.excludes);
        return stdin ? settings.withStream(serving.streamName()) : settings;
    }

    /** What to send: the files given after the options, or with {@code --send}. */
    private List<Path> sendPaths() {
        return positionalPaths.isEmpty() ? serving.sendPaths : positionalPaths;
    }

    /** What is wrong with the options, the first thing of all, or null. */
    private String firstProblem() {
        if (!positionalPaths.isEmpty() && !serving.sendPaths.isEmpty()) {
            return "give the files to send after the options or with --send, not both";
        }
        List<Path> sendPaths = sendPaths();
        if (files.problem() != null) {
            return files.problem();
        }
        if (serving.rate != null && serving.rate <= 0) {
            return "--rate must be above 0";
        }
        if (serving.maxClients < 1) {
            return "--max-clients must be at least 1, not " + serving.maxClients;
        }
        if (connection.connect != null && connection.connect.isEmpty() && security.ticket == null) {
            return "--connect needs HOST:PORT, or a --ticket that holds it";
        }
        if (security.ticket != null) {
            try {
                Ticket.parse(security.ticket);
            } catch (IllegalArgumentException e) {
                return "--ticket: " + e.getMessage();
            }
        }
        String securityProblem = connecting() ? security.connectingProblem()
                : security.listeningProblem(!sendPaths.isEmpty());
        String streamProblem = serving.streamProblem(sendPaths);
        boolean stdin = ServingOptions.asksForStandardInput(sendPaths);
        String treeProblem = stdin ? null : LocalTree.problem(sendPaths);
        for (String problem : new String[] {streamProblem, timeouts.problem(), logFile.problem(), output.problem(),
                BindAddress.problem(serving.bind), connection.problem(), treeProblem,
                serving.excludesProblem(!sendPaths.isEmpty() && !stdin), securityProblem}) {
            if (problem != null) {
                return problem;
            }
        }
        if (files.noSave && !sendPaths.isEmpty()) {
            return "--no-save applies to generated files only; it cannot be used with --send";
        }
        if (files.noSave && stream.trickle) {
            return "--no-save applies to generated files only; it cannot be used with --trickle";
        }
        if (stream.trickle && !sendPaths.isEmpty()) {
            return "--trickle and --send cannot be used together";
        }
        return stream.trickle ? stream.problem(pauses()) : null;
    }

    /** The trickle stream's pauses: the intervals given on the command line, its own defaults for the others. */
    private TrickleOptions.Pauses pauses() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return new TrickleOptions.Pauses(parsed.hasMatchedOption("--min-interval") ? files.minInterval : null,
                parsed.hasMatchedOption("--max-interval") ? files.maxInterval : null);
    }
}
