package dev.txrx.receiver.cli;

import dev.txrx.cli.ExitCode;
import dev.txrx.common.transport.ConnectFailedException;
import dev.txrx.receiver.conversation.Call;
import dev.txrx.receiver.conversation.CatalogueConversation;
import dev.txrx.receiver.conversation.CatalogueResult;
import dev.txrx.receiver.conversation.ReceiverSettings;

/** {@code receiver --list}: the sender's catalogue, connecting again while the sender is busy, then the listing. */
record CatalogueRun(RunContext context) {

    /** Fetches and prints the catalogue; the exit code. */
    int run() {
        ReceiverSettings settings = context.settings();
        Call<CatalogueResult> call = new Call<>(() -> new CatalogueConversation(settings.target(), settings.request()));
        CatalogueResult result;
        try (Interruption.Registration cancelling = context.interruption().cancels(call::cancel)) {
            result = call.run(context.connector(), settings, settings.connection(), context.watchdog());
        } catch (ConnectFailedException e) {
            return ConnectNotices.gaveUp(e, context.output());
        } catch (InterruptedException e) {
            return ConnectNotices.interrupted(context.output());
        }
        if (result.refused() != null) {
            return ConnectNotices.refused(result.refused(), context.output());
        }
        OutcomeLog.log(settings.target(), result);
        CatalogueReport.report(result, context.interruption().happened(), context.output());
        return result.problem() == null ? ExitCode.OK : ExitCode.FAILED;
    }
}
