package dev.txrx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which security options fit which side, each misfit one line that names the option. */
class SecurityOptionsTest {

    private static SecurityOptions parse(String... args) {
        SecurityOptions options = new SecurityOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void theDefaultsFitBothSides() {
        assertThat(parse().connectingProblem()).isNull();
        assertThat(parse().listeningProblem(true)).isNull();
    }

    @Test
    void listeningOptionsDoNotFitAConnectingSide() {
        assertThat(parse("--open").connectingProblem()).isEqualTo("--open applies only to a listening side");
        assertThat(parse("--authorized-keys", "k").connectingProblem())
                .isEqualTo("--authorized-keys applies only to a listening side");
        assertThat(parse("--advertise", "example.org").connectingProblem())
                .isEqualTo("--advertise applies only to a listening side");
    }

    @Test
    void connectingOptionsDoNotFitAListeningSide() {
        assertThat(parse("--pin", "ab").listeningProblem(false)).isEqualTo("--pin applies only when connecting");
        assertThat(parse("--pin", "ab").connectingProblem()).startsWith("--pin: not a fingerprint");
        assertThat(parse("--ticket", "txrx:x").listeningProblem(false))
                .isEqualTo("--ticket applies only when connecting");
    }

    @Test
    void theTicketHoldsThePinAndTheToken() {
        assertThat(parse("--ticket", "t", "--pin", "p").connectingProblem()).contains("the ticket holds the pin");
        assertThat(parse("--ticket", "t", "--token-file", "f").connectingProblem())
                .contains("the ticket holds the token");
    }

    @Test
    void inClearThereAreNoIdentitiesOrTokens() {
        assertThat(parse("--plain", "--token-file", "f").connectingProblem())
                .isEqualTo("--plain speaks in clear, without identities or tokens; it cannot be used with --token-file");
        assertThat(parse("--plain", "--identity", "d").listeningProblem(false)).contains("--identity");
    }

    @Test
    void realContentInClearNeedsOpen() {
        assertThat(parse("--plain").listeningProblem(true)).contains("add --open");
        assertThat(parse("--plain", "--open").listeningProblem(true)).isNull();
        assertThat(parse("--plain").listeningProblem(false)).as("generated content").isNull();
    }

    @Test
    void aTokenFileThatCannotBeReadIsNamed() {
        assertThat(parse("--token-file", "/nonexistent/token").connectingProblem())
                .startsWith("--token-file: cannot read the token file /nonexistent/token");
    }

    @Test
    void openAdmitsAnyoneSoItTakesNoCredentials() {
        assertThat(parse("--open", "--token-file", "f").listeningProblem(true)).startsWith("--open admits anyone");
    }
}
