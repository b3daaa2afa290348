package dev.txrx.dist;

import dev.txrx.receiver.cli.ReceiverMain;
import dev.txrx.sender.cli.SenderMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import picocli.CommandLine;

/**
 * Writes what {@code bin/install} puts beside the two jars, under a {@code share/} directory laid
 * out as it is installed: {@code man/man1/} (a page per command, made by picocli-codegen's
 * {@code ManPageGenerator} and converted by Asciidoctor), {@code bash-completion/completions/}
 * and {@code zsh/site-functions/} (picocli's {@code AutoComplete}). Each comes from the command
 * line the app itself runs, so it cannot drift from {@code --help}.
 */
public final class InstallFiles {

    /** The two apps by the name they are installed under, each with its command line. */
    private static final List<App> APPS = List.of(
            new App("sender", SenderMain::newCommandLine),
            new App("receiver", ReceiverMain::newCommandLine));

    private InstallFiles() {
    }

    /** One app: the command a person types, and how it builds its command line. */
    private record App(String name, BiFunction<PrintWriter, PrintWriter, CommandLine> commandLine) {
        CommandLine newCommandLine() {
            PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
            return commandLine.apply(nowhere, nowhere);
        }
    }

    /** Writes the files under the directory given as the one argument ({@code dist/target/share} in the build). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: InstallFiles SHARE_DIRECTORY");
        }
        Path share = Path.of(args[0]);
        Path manuals = share.resolve("man/man1");
        Path asciiDoc = share.resolveSibling("asciidoc");
        for (App app : APPS) {
            CommandLine commandLine = app.newCommandLine();
            ManPages.write(commandLine.getCommandSpec(), asciiDoc);
            Completions.write(app.name(), commandLine, share);
        }
        ManPages.convert(asciiDoc, manuals);
    }
}
