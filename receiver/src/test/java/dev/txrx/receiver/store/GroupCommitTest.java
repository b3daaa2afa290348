package dev.txrx.receiver.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipelined group commit, with files whose commit the test holds until it lets them go. No
 * limit of time is ever reached here, except by the test of the timer: batches are due by their
 * number of files only.
 */
@Timeout(30)
class GroupCommitTest {

    private static final Duration NEVER = Duration.ofDays(365);

    /** Due at 2 files; grows to at most 4 while another batch is committed. */
    private static final GroupCommit.Limits TWO_THEN_FOUR = new GroupCommit.Limits(2, Long.MAX_VALUE, NEVER, 4,
            Long.MAX_VALUE, NEVER);

    @TempDir
    Path dir;

    /** Everything that happened, in order: "commit 3", "announce 3", "abandon 3", "added 3". */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ExecutorService committerThreads = Executors.newCachedThreadPool();
    /** One permit each time the committer has finished (and gone idle, or failed). */
    private final Semaphore committerDone = new Semaphore(0);
    private final Executor committer = task -> committerThreads.execute(() -> {
        try {
            task.run();
        } finally {
            committerDone.release();
        }
    });
    private final ExecutorService adder = Executors.newSingleThreadExecutor();
    private final ExecutorService forcers = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopThreads() throws InterruptedException {
        adder.shutdownNow();
        committerThreads.shutdownNow();
        forcers.shutdownNow();
        timer.shutdownNow();
        assertThat(adder.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(committerThreads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * Adds files 1 and 2, a due batch, and waits until the committer holds it, stopped in the
     * commit of file 1; returns file 1, which {@link HeldFile#release} lets go on.
     */
    private HeldFile committingTheFirstTwo(GroupCommit commits) throws Exception {
        HeldFile first = new HeldFile(1);
        add(commits, first);
        add(commits, new HeldFile(2).release());
        first.committing.await();
        return first;
    }

    @Test
    void aDueBatchIsCommittedInTheBackgroundWhileTheNextOneFillsPastItsDueSize() throws Exception {
        GroupCommit commits = new GroupCommit(TWO_THEN_FOUR, committer, forcers, timer);
        HeldFile first = committingTheFirstTwo(commits);

        // the committer holds 1 and 2; 3, 4 and 5 are added without waiting for it
        List<HeldFile> next = List.of(new HeldFile(3), new HeldFile(4), new HeldFile(5));
        for (HeldFile file : next) {
            add(commits, file);
        }
        assertThat(events).containsExactly("commit 1");

        next.forEach(HeldFile::release);
        first.release();
        commits.flush();

        assertThat(events).containsExactly("commit 1", "commit 2", "announce 1", "announce 2",
                "commit 3", "commit 4", "commit 5", "announce 3", "announce 4", "announce 5");
    }

    @Test
    void theReceivingThreadWaitsAtTheHardLimitUntilTheCommitterTakesTheBatch() throws Exception {
        GroupCommit commits = new GroupCommit(TWO_THEN_FOUR, committer, forcers, timer);
        HeldFile first = committingTheFirstTwo(commits);
        for (int n = 3; n <= 5; n++) {
            add(commits, new HeldFile(n).release());
        }

        // the fourth file of the open batch reaches the hard limit
        Thread[] adding = new Thread[1];
        CompletableFuture<Void> sixth = CompletableFuture.runAsync(() -> {
            adding[0] = Thread.currentThread();
            try {
                add(commits, new HeldFile(6).release());
                events.add("added 6");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, adder);
        awaitWaiting(adding);
        assertThat(sixth).isNotDone();

        first.release();
        sixth.get(20, TimeUnit.SECONDS);
        commits.flush();

        assertThat(events.indexOf("added 6")).isGreaterThan(events.indexOf("announce 2"));
        assertThat(events).containsSubsequence("announce 1", "announce 2", "announce 3", "announce 4",
                "announce 5", "announce 6");
    }

    @Test
    void filesAreAnnouncedInArrivalOrderEachAfterItsCommit() throws Exception {
        GroupCommit commits = new GroupCommit(TWO_THEN_FOUR, committer, forcers, timer);
        List<HeldFile> files = IntStream.rangeClosed(1, 25).mapToObj(n -> new HeldFile(n).release()).toList();
        for (HeldFile file : files) {
            add(commits, file);
        }
        commits.flush();

        List<String> announced = events.stream().filter(e -> e.startsWith("announce")).toList();
        assertThat(announced).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 25).mapToObj(n -> "announce " + n).toList());
        for (int n = 1; n <= 25; n++) {
            assertThat(events.indexOf("commit " + n)).isLessThan(events.indexOf("announce " + n));
        }
    }

    @Test
    void aFailedCommitIsThrownByTheNextAddAndNothingOfItOrAfterItIsAnnounced() throws Exception {
        GroupCommit commits = new GroupCommit(TWO_THEN_FOUR, committer, forcers, timer);
        IOException diskFull = new IOException("No space left on device");
        HeldFile first = new HeldFile(1).failWith(diskFull);
        add(commits, first);
        add(commits, new HeldFile(2).release());
        add(commits, new HeldFile(3).release());
        first.release();
        committerDone.acquire();

        assertThatThrownBy(() -> add(commits, new HeldFile(4).release())).isSameAs(diskFull);
        assertThatThrownBy(commits::flush).isSameAs(diskFull);
        assertThatThrownBy(commits::check).isSameAs(diskFull);

        assertThat(events).noneMatch(e -> e.startsWith("announce"));
        assertThat(events).contains("abandon 1", "abandon 2", "abandon 3", "abandon 4");
        assertThat(events).doesNotContain("commit 3", "commit 4");
    }

    @Test
    void flushThrowsTheFailureOfTheLastBatch() throws Exception {
        GroupCommit commits = new GroupCommit(TWO_THEN_FOUR, committer, forcers, timer);
        IOException broken = new IOException("Input/output error");
        add(commits, new HeldFile(1).release().failWith(broken));

        assertThatThrownBy(commits::flush).isSameAs(broken);
        assertThat(events).containsExactly("commit 1", "abandon 1");
    }

    @Test
    void aFaultInAnAnnouncementIsReportedLikeAFailedCommit() throws Exception {
        GroupCommit commits = new GroupCommit(TWO_THEN_FOUR, committer, forcers, timer);
        commits.add(new HeldFile(1).release(), 1, () -> {
            throw new IllegalStateException("bug");
        });

        assertThatThrownBy(commits::flush).isInstanceOf(IOException.class).hasMessage("bug")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void abandonWaitsForTheBatchBeingCommittedAndDropsTheFilesStillWaiting() throws Exception {
        GroupCommit commits = new GroupCommit(TWO_THEN_FOUR, committer, forcers, timer);
        HeldFile first = committingTheFirstTwo(commits);
        add(commits, new HeldFile(3).release());

        CompletableFuture<Void> abandoning = CompletableFuture.runAsync(commits::abandon, adder);
        first.release();
        abandoning.get(20, TimeUnit.SECONDS);

        assertThat(events).containsSubsequence("commit 1", "commit 2", "announce 1", "announce 2", "abandon 3");
        assertThat(events).doesNotContain("commit 3", "announce 3");
    }

    @Test
    void anInterruptedReceivingThreadStillWaitsForTheCommitAndKeepsItsInterrupt() throws Exception {
        GroupCommit commits = new GroupCommit(TWO_THEN_FOUR, committer, forcers, timer);
        HeldFile first = new HeldFile(1);
        add(commits, first);

        Thread[] flushing = new Thread[1];
        CompletableFuture<Boolean> flushed = CompletableFuture.supplyAsync(() -> {
            flushing[0] = Thread.currentThread();
            try {
                commits.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Thread.currentThread().isInterrupted();
        }, adder);
        first.committing.await();
        awaitWaiting(flushing);
        flushing[0].interrupt();
        first.release();

        assertThat(flushed.get(20, TimeUnit.SECONDS)).as("interrupt kept").isTrue();
        assertThat(events).containsExactly("commit 1", "announce 1");
    }

    @Test
    void stagedFilesAreUnderTheirFinalNamesOnlyOnceTheirBatchIsCommitted() throws Exception {
        OutputDirectory out = new OutputDirectory(dir.resolve("out"), OnExists.RENAME);
        GroupCommit commits = new GroupCommit(TWO_THEN_FOUR, committer, forcers, timer);
        List<Path> announcedPresent = new CopyOnWriteArrayList<>();
        List<StagedFile> staged = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            StagedFile file = out.stage("d/f" + n, 0, 0644);
            file.write(ByteBuffer.wrap(("content " + n).getBytes(UTF_8)));
            staged.add(file);
        }
        assertThat(out.root().resolve("d/f1")).doesNotExist();

        for (StagedFile file : staged) {
            commits.add(file, 9, () -> {
                assertThat(file.storedAt()).exists();
                announcedPresent.add(file.storedAt());
            });
        }
        commits.flush();

        assertThat(announcedPresent).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 5).mapToObj(n -> out.root().resolve("d/f" + n)).toList());
        for (int n = 1; n <= 5; n++) {
            assertThat(out.root().resolve("d/f" + n)).hasContent("content " + n);
        }
        try (Stream<Path> files = Files.list(out.root().resolve("d"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
    }

    /** Small files followed by a big one: nothing else is added while the big one arrives. */
    @Test
    void aBatchDueByItsAgeIsCommittedWithNoFurtherFileAdded() throws Exception {
        GroupCommit commits = new GroupCommit(new GroupCommit.Limits(1000, Long.MAX_VALUE, Duration.ofMillis(50),
                1000, Long.MAX_VALUE, Duration.ofMillis(50)), committer, forcers, timer);
        add(commits, new HeldFile(1).release());
        add(commits, new HeldFile(2).release());

        // no flush, no other file: the timer alone hands the batch to the committer
        committerDone.acquire();
        assertThat(events).containsExactly("commit 1", "commit 2", "announce 1", "announce 2");
    }

    @Test
    void refusesAHardLimitBelowItsDueSize() {
        assertThatThrownBy(() -> new GroupCommit.Limits(64, 1, NEVER, 8, 1, NEVER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void add(GroupCommit commits, HeldFile file) throws IOException {
        commits.add(file, 1, () -> events.add("announce " + file.number));
    }

    /** Waits until the thread in {@code holder} is blocked waiting for the committer. */
    private static void awaitWaiting(Thread[] holder) throws InterruptedException {
        while (holder[0] == null || holder[0].getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
    }

    /** A verified file whose commit waits until the test releases it, and may then fail. */
    private final class HeldFile implements IncomingFile {
        final int number;
        final CountDownLatch committing = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private IOException failure;

        HeldFile(int number) {
            this.number = number;
        }

        HeldFile release() {
            released.countDown();
            return this;
        }

        HeldFile failWith(IOException e) {
            failure = e;
            return this;
        }

        @Override
        public void write(ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void commit() throws IOException {
            events.add("commit " + number);
            committing.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void abandon() {
            events.add("abandon " + number);
        }

        @Override
        public boolean suspend() {
            return false;
        }
    }
}
