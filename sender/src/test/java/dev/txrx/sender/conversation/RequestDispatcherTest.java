package dev.txrx.sender.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.txrx.common.protocol.ErrorCode;
import dev.txrx.common.protocol.Frame;
import dev.txrx.common.protocol.ProtocolException;
import dev.txrx.common.protocol.RequestKind;
import dev.txrx.common.transport.Failure;
import dev.txrx.sender.content.ContentSource;
import dev.txrx.sender.content.GeneratedContent;
import dev.txrx.sender.content.GeneratorSettings;
import dev.txrx.sender.content.LocalTree;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestDispatcherTest {

    private static final String PEER = "127.0.0.1:9";
    private static final Frame.Request FILES = new Frame.Request(RequestKind.FILES);
    private static final Frame.Request LIST = new Frame.Request(RequestKind.LIST);
    private static final Frame.Request PING = new Frame.Request(RequestKind.PING);
    private static final Frame.Request GET_ALL = new Frame.Request(RequestKind.GET, List.of());
    private static final Frame.Request GET_SOME = new Frame.Request(RequestKind.GET, List.of("photos"));

    @TempDir
    Path dir;

    private final ContentSource generated = GeneratedContent.inMemory(
            new GeneratorSettings(1, 1, 1, Duration.ZERO, Duration.ZERO));
    private LocalTree tree;

    @AfterEach
    void close() {
        if (tree != null) {
            tree.close();
        }
    }

    private static Offer offer(ContentSource content, TrickleSettings trickle) {
        return new Offer(content, new SessionRegistry(), null, 0, trickle);
    }

    private Offer treeOffer() {
        tree = new LocalTree(List.of(dir), 1);
        return offer(tree, null);
    }

    private static Offer trickleOffer(ContentSource content) {
        return offer(content, new TrickleSettings(1, 8, Duration.ofSeconds(1), Duration.ofSeconds(3)));
    }

    private static Object select(Offer offer, Frame.Request request) throws ProtocolException {
        return new RequestDispatcher(offer, PEER).select(request,
                new Requester(PEER, System.nanoTime(), new StopRequest()));
    }

    private static void assertRefused(ThrowingCallable selecting, String why) {
        assertThatThrownBy(selecting).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_REQUEST)).hasMessage(why);
    }

    @Test
    void filesAndEverythingGetAreAFilesConversationWhateverTheContent() throws Exception {
        assertThat(select(offer(generated, null), FILES)).isInstanceOf(FilesConversation.class);
        assertThat(select(offer(generated, null), GET_ALL)).isInstanceOf(FilesConversation.class);
        assertThat(select(treeOffer(), FILES)).isInstanceOf(FilesConversation.class);
    }

    @Test
    void aTreeListsItsCatalogueAndSendsWhatIsAskedForByName() throws Exception {
        assertThat(select(treeOffer(), LIST)).isInstanceOf(CatalogueConversation.class);
        assertThat(select(treeOffer(), GET_SOME)).isInstanceOf(FilesConversation.class);
    }

    @Test
    void aGeneratingSenderRefusesToListOrToGetByName() {
        assertRefused(() -> select(offer(generated, null), LIST), RequestDispatcher.GENERATED_HAS_NO_CATALOGUE);
        assertRefused(() -> select(offer(generated, null), GET_SOME), RequestDispatcher.GENERATED_HAS_NO_CATALOGUE);
        assertThat(RequestDispatcher.GENERATED_HAS_NO_CATALOGUE).isEqualTo("this sender generates its files and has "
                + "no catalogue; run the receiver without --list or --get, or start the sender with --send");
    }

    @Test
    void aGeneratingSenderRefusesExcludes() {
        Frame.Request excluding = new Frame.Request(RequestKind.FILES, List.of(), List.of("*.tmp"));
        assertRefused(() -> select(offer(generated, null), excluding), RequestDispatcher.GENERATED_EXCLUDES_NOTHING);
    }

    @Test
    void aTrickleSenderStreamsForFilesAndRefusesToListOrGet() throws Exception {
        assertThat(select(trickleOffer(generated), FILES)).isInstanceOf(TrickleConversation.class);
        assertRefused(() -> select(trickleOffer(generated), LIST), RequestDispatcher.TRICKLE_HAS_NO_FILES);
        assertRefused(() -> select(trickleOffer(generated), GET_ALL), RequestDispatcher.TRICKLE_HAS_NO_FILES);
        assertThat(RequestDispatcher.TRICKLE_HAS_NO_FILES)
                .isEqualTo("this sender streams text (--trickle); it has no files to list or get");
    }

    @Test
    void everySenderAnswersPings() throws Exception {
        assertThat(select(offer(generated, null), PING)).isInstanceOf(PingConversation.class);
        assertThat(select(treeOffer(), PING)).isInstanceOf(PingConversation.class);
        assertThat(select(trickleOffer(generated), PING)).isInstanceOf(PingConversation.class);
    }

    @Test
    void aConnectionThatFailsBeforeItsRequestEndsWithoutFilesAndSaysWhetherThePeerWasBusy() {
        RequestDispatcher dispatcher = new RequestDispatcher(offer(generated, null), PEER);

        SessionOutcome busy = dispatcher.failed(new Failure.PeerError(new Frame.Error(ErrorCode.BUSY, "full")));
        assertThat(busy.peerBusy()).isTrue();
        assertThat(busy.problem()).isEqualTo("full");
        assertThat(busy.succeeded()).isFalse();

        SessionOutcome broken = dispatcher.failed(new Failure.ProtocolViolation("expected REQUEST, got PING"));
        assertThat(broken.peerBusy()).isFalse();
        assertThat(broken.problem()).isEqualTo("protocol error: expected REQUEST, got PING");
        assertThat(broken.peer()).isEqualTo(PEER);
        assertThat(broken.summary().files()).isZero();
        assertThat(broken.activity()).isNull();
        assertThat(broken.resume()).isNull();
    }
}
