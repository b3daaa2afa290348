package dev.txrx.receiver.cli;

import dev.txrx.cli.CommandOutput;
import dev.txrx.cli.ExitCode;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.common.transport.StallWatchdog;
import dev.txrx.receiver.conversation.Call;
import dev.txrx.receiver.conversation.CatalogueConversation;
import dev.txrx.receiver.conversation.CatalogueResult;
import dev.txrx.receiver.conversation.ReceiverSettings;

/** {@code receiver --list}: the sender's catalogue, connecting again while the sender is busy, then the listing. */
final class CatalogueRun {

    private final ReceiverSettings settings;
    private final StallWatchdog watchdog;
    private final Interruption interruption;
    private final CommandOutput output;

    CatalogueRun(ReceiverSettings settings, StallWatchdog watchdog, Interruption interruption, CommandOutput output) {
        this.settings = settings;
        this.watchdog = watchdog;
        this.interruption = interruption;
        this.output = output;
    }

    /** Fetches and prints the catalogue; the exit code. */
    int run() {
        Call<CatalogueResult> call = new Call<>(() -> new CatalogueConversation(settings.target()));
        CatalogueResult result;
        try (Interruption.Registration cancelling = interruption.cancels(call::cancel)) {
            result = call.run(settings.connector(ConnectNotices.retries(settings, output)), settings,
                    settings.connection(), watchdog);
        } catch (ConnectFailedException e) {
            return ConnectNotices.gaveUp(e, output);
        } catch (InterruptedException e) {
            return ConnectNotices.interrupted(output);
        }
        CatalogueReport.report(result, interruption.happened(), output);
        return result.problem() == null ? ExitCode.OK : ExitCode.FAILED;
    }
}
