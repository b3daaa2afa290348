package dev.txrx.dist;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Man pages in two steps: picocli-codegen's {@link ManPageGenerator} writes a command (and each
 * subcommand it has) as AsciiDoc in the man page layout, and Asciidoctor's man page backend turns
 * each into troff, {@code NAME.1}, which {@code man} reads.
 */
final class ManPages {

    private ManPages() {
    }

    /** Writes {@code command}'s pages, {@code NAME.adoc} and one per subcommand, into {@code directory}. */
    static void write(CommandSpec command, Path directory) throws IOException {
        int status = ManPageGenerator.generateManPage(directory.toFile(), null, new boolean[0], false, command);
        if (status != 0) {
            throw new IOException("ManPageGenerator failed for " + command.name() + " (status " + status + ")");
        }
    }

    /** Converts every {@code .adoc} page in {@code from} to a troff page in {@code to}. */
    static void convert(Path from, Path to) throws IOException {
        List<Path> pages;
        try (Stream<Path> files = Files.list(from)) {
            pages = files.filter(file -> file.toString().endsWith(".adoc")).sorted().toList();
        }
        Files.createDirectories(to);
        // one Asciidoctor (one JRuby runtime, the slow part) for every page
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            for (Path page : pages) {
                asciidoctor.convertFile(page.toFile(), Options.builder()
                        .backend("manpage")
                        .toDir(to.toFile())
                        .safe(SafeMode.UNSAFE)
                        .build());
            }
        }
        for (Path page : pages) {
            File converted = to.resolve(page.getFileName().toString().replaceFirst("\\.adoc$", ".1")).toFile();
            if (!converted.isFile() || converted.length() == 0) {
                throw new IOException("Asciidoctor wrote no man page " + converted + " for " + page);
            }
        }
    }
}
