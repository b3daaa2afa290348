package dev.txrx.sender.cli;

import dev.txrx.cli.ListenPortConverter;
import dev.txrx.cli.RateConverter;
import dev.txrx.common.protocol.EntryNames;
import dev.txrx.common.protocol.Glob;
import dev.txrx.sender.content.StandardInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How the sender serves: where it listens, what it sends, how fast, to how many, for how long. */
final class ServingOptions {

    @Option(names = {"-p", "--port"}, defaultValue = SenderCommand.DEFAULT_PORT, converter = ListenPortConverter.class,
            paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one, printed at start (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-b", "--bind"}, defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "Local address to listen on (default: ${DEFAULT-VALUE}, every interface).")
    String bind;

    @Option(names = "--send", arity = "1..*", paramLabel = "FILE",
            description = "Send these files and directories (recursively, with their relative paths) instead "
                + "of generated files; the same as giving them after the options. '-' alone sends standard "
                + "input as one file of unknown size, to one receiver (implies --once).")
    List<Path> sendPaths = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB",
            description = "Leave out of what is sent every entry this pattern matches, and what is below it "
                + "(repeatable): '*.tmp' matches in any directory, 'docs/*.md' from the top; * ? [a-z] **.")
    List<String> excludes = new ArrayList<>();

    /** What is wrong with the {@code --exclude} patterns, or null. */
    String excludesProblem(boolean sendsFiles) {
        if (!excludes.isEmpty() && !sendsFiles) {
            return "--exclude applies to --send; generated files have no tree to exclude from";
        }
        for (String pattern : excludes) {
            try {
                Glob.of(pattern);
            } catch (IllegalArgumentException e) {
                return "--exclude '" + pattern + "': " + e.getMessage();
            }
        }
        return null;
    }

    @Option(names = "--name", paramLabel = "NAME",
            description = "With --send -: the name of the file standard input is sent as (default: "
                + StandardInput.DEFAULT_NAME + ").")
    String name;

    /** The path that stands for standard input. */
    static final String STANDARD_INPUT = "-";

    /** True when {@code paths} ask for standard input ({@code -}), alone or not. */
    static boolean asksForStandardInput(List<Path> paths) {
        return paths.stream().anyMatch(path -> path.toString().equals(STANDARD_INPUT));
    }

    /**
     * What is wrong with sending standard input from these {@code paths} and {@code --name}, or null.
     */
    String streamProblem(List<Path> paths) {
        boolean stdin = asksForStandardInput(paths);
        if (stdin && paths.size() > 1) {
            return "--send -: standard input is sent alone, not with other files";
        }
        if (name != null && !stdin) {
            return "--name applies only to --send - (standard input)";
        }
        String problem = name == null ? null : EntryNames.problem(name);
        return problem == null ? null : "--name '" + name + "': " + problem;
    }

    /** The name of the file standard input is sent as. */
    String streamName() {
        return name == null ? StandardInput.DEFAULT_NAME : name;
    }

    @Option(names = "--once", description = "Serve one session, which may span reconnections, then exit; "
            + "the exit code says whether it verified.")
    boolean once;

    @Option(names = "--rate", converter = RateConverter.class, paramLabel = "RATE",
            description = "Limit each session to this rate: " + RateConverter.GRAMMAR + ". Default: no limit.")
    Long rate;

    @Option(names = "--max-clients", defaultValue = "256", paramLabel = "N",
            description = "Receivers served at once; one more is told the sender is busy (default: ${DEFAULT-VALUE}).")
    int maxClients;
}
