package dev.txrx.sender.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GenerationPlanTest {

    private static final GeneratorSettings SEED_DEFAULTS = new GeneratorSettings(100, 1024, 1000 * 1024,
            Duration.ofMillis(1), Duration.ofMillis(1000));

    @Test
    void sizesAndPausesStayWithinTheirBounds() {
        GenerationPlan plan = new GenerationPlan(SEED_DEFAULTS, new SplittableRandom(7));
        for (int i = 0; i < 10_000; i++) {
            assertThat(plan.nextSize()).isBetween(1024L, 1000 * 1024L);
            assertThat(plan.nextPause()).isBetween(Duration.ofMillis(1), Duration.ofMillis(1000));
        }
    }

    @Test
    void bothBoundsAreReachable() {
        GeneratorSettings tiny = new GeneratorSettings(1, 10, 12, Duration.ZERO, Duration.ofNanos(2));
        GenerationPlan plan = new GenerationPlan(tiny, new SplittableRandom(1));
        List<Long> sizes = new ArrayList<>();
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sizes.add(plan.nextSize());
            pauses.add(plan.nextPause());
        }
        assertThat(sizes).contains(10L, 11L, 12L).allMatch(s -> s >= 10 && s <= 12);
        assertThat(pauses).contains(Duration.ZERO, Duration.ofNanos(2));
    }

    @Test
    void equalBoundsGiveExactlyThatValue() {
        GeneratorSettings fixed = new GeneratorSettings(1, 4096, 4096, Duration.ofMillis(5), Duration.ofMillis(5));
        GenerationPlan plan = new GenerationPlan(fixed, new SplittableRandom());
        assertThat(plan.nextSize()).isEqualTo(4096);
        assertThat(plan.nextPause()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void sameSeedGivesSamePlan() {
        GenerationPlan a = new GenerationPlan(SEED_DEFAULTS, new SplittableRandom(42));
        GenerationPlan b = new GenerationPlan(SEED_DEFAULTS, new SplittableRandom(42));
        GenerationPlan c = new GenerationPlan(SEED_DEFAULTS, new SplittableRandom(43));
        List<Long> fromA = new ArrayList<>();
        List<Long> fromB = new ArrayList<>();
        List<Long> fromC = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fromA.add(a.nextSize());
            fromB.add(b.nextSize());
            fromC.add(c.nextSize());
        }
        assertThat(fromA).isEqualTo(fromB).isNotEqualTo(fromC);
    }
}
