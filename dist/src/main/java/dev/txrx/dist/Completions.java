package dev.txrx.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Shell completion for one command: picocli's {@link AutoComplete} script for bash, and for zsh a
 * completion function that runs the same script through zsh's {@code bashcompinit}.
 */
final class Completions {

    private Completions() {
    }

    /**
     * Writes {@code share/bash-completion/completions/NAME} (where bash-completion looks for the
     * command NAME) and {@code share/zsh/site-functions/_NAME} (a directory on zsh's fpath).
     */
    static void write(String name, CommandLine commandLine, Path share) throws IOException {
        Path bash = share.resolve("bash-completion/completions").resolve(name);
        Files.createDirectories(bash.getParent());
        Files.writeString(bash, AutoComplete.bash(name, commandLine), StandardCharsets.UTF_8);

        Path zsh = share.resolve("zsh/site-functions").resolve("_" + name);
        Files.createDirectories(zsh.getParent());
        Files.writeString(zsh, zshFunction(name), StandardCharsets.UTF_8);
    }

    /**
     * The zsh function: on its first use it sources the bash script, found from where zsh loaded
     * this file ({@code $functions_source}, so the prefix is not written into it): the script
     * registers itself for NAME through {@code bashcompinit}, and this first completion is then
     * answered as every later one will be. The bash script is sourced rather than copied in, so
     * that its functions are defined once, as bash-completion would define them.
     */
    static String zshFunction(String name) {
        return """
                #compdef %1$s
                # %1$s's completion for zsh: picocli's bash completion script, run through bashcompinit.
                zmodload zsh/parameter
                # bash's compopt, which bashcompinit lacks: the script's own stand-in, an alias,
                # is not seen by the functions it sources here, inside a function
                (( $+functions[compopt] )) || compopt() { return 0 }
                source "${functions_source[_%1$s]:A:h:h:h}/bash-completion/completions/%1$s" || return 1
                _bash_complete -F _complete_%1$s -o default
                """.formatted(name);
    }
}
