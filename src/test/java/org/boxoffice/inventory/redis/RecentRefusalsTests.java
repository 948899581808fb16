package org.boxoffice.inventory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecentRefusalsTests {
    private static final long EVENT = 7;
    private static final long NOW_MS = 1_900_000_000_000L;
    private static final long MAX_AGE = RecentRefusals.MAX_AGE.toNanos();

    private final AtomicLong nanos = new AtomicLong(42);
    private final RecentRefusals refusals = new RecentRefusals(nanos::get);

    @Test
    void repeatsARefusalWithinTheMaximumAge() {
        refusals.refused(EVENT, List.of(3, 4), Long.MAX_VALUE, nanos.get());
        nanos.addAndGet(MAX_AGE - 1);

        assertThat(refusals.stillTaken(EVENT, new int[] {2, 3, 4}, NOW_MS)).containsExactly(3, 4);
        assertThat(refusals.stillTaken(EVENT + 1, new int[] {3}, NOW_MS)).as("another event").isEmpty();
    }

    @Test
    void asksAgainOnceTheRefusalIsAsOldAsTheMaximumAge() {
        refusals.refused(EVENT, List.of(3), Long.MAX_VALUE, nanos.get());
        nanos.addAndGet(MAX_AGE);

        assertThat(refusals.stillTaken(EVENT, new int[] {3}, NOW_MS)).isEmpty();
    }

    @Test
    void oneAttemptAsksAgainWhileTheOthersRefuseForAMoment() {
        refusals.refused(EVENT, List.of(3), Long.MAX_VALUE, nanos.get());
        nanos.addAndGet(MAX_AGE);

        assertThat(refusals.stillTaken(EVENT, new int[] {3}, NOW_MS)).as("the one that asks").isEmpty();
        assertThat(refusals.stillTaken(EVENT, new int[] {3}, NOW_MS)).as("the others, meanwhile").containsExactly(3);
        nanos.addAndGet(RecentRefusals.ASKING.toNanos() - 1);
        assertThat(refusals.stillTaken(EVENT, new int[] {3}, NOW_MS)).containsExactly(3);
        nanos.addAndGet(1);
        assertThat(refusals.stillTaken(EVENT, new int[] {3}, NOW_MS)).as("the answer did not come: another asks").isEmpty();
    }

    @Test
    void aRequestRefusedOnAFreshRefusalMarksNoOldOneAsBeingAskedAbout() {
        refusals.refused(EVENT, List.of(3), Long.MAX_VALUE, nanos.get());
        nanos.addAndGet(MAX_AGE);
        refusals.refused(EVENT, List.of(4), Long.MAX_VALUE, nanos.get());

        assertThat(refusals.stillTaken(EVENT, new int[] {3, 4}, NOW_MS)).containsExactly(4);
        assertThat(refusals.stillTaken(EVENT, new int[] {3}, NOW_MS)).as("nobody asked about 3: this one does").isEmpty();
    }

    @Test
    void forgetsSeatsRedisFoundFree() {
        refusals.refused(EVENT, List.of(3, 4), Long.MAX_VALUE, nanos.get());
        nanos.incrementAndGet();
        long asked = refusals.now(); // a later question found 3 free

        refusals.free(EVENT, List.of(3), asked);

        assertThat(refusals.stillTaken(EVENT, new int[] {3, 4}, NOW_MS)).containsExactly(4);
    }

    @Test
    void keepsNoAnswerAskedBeforeTheNodeFreedSeatsOfTheEvent() {
        long asked = refusals.now();
        nanos.incrementAndGet();
        refusals.forget(EVENT);
        nanos.incrementAndGet();

        refusals.refused(EVENT, List.of(3), Long.MAX_VALUE, asked);

        assertThat(refusals.stillTaken(EVENT, new int[] {3}, NOW_MS)).isEmpty();
    }

    @Test
    void dropsEventsWithNothingRecent() {
        refusals.refused(EVENT, List.of(3), Long.MAX_VALUE, nanos.get());
        refusals.dropIdle();
        assertThat(refusals.events()).isEqualTo(1);

        nanos.addAndGet(java.time.Duration.ofSeconds(10).toNanos());
        refusals.dropIdle();

        assertThat(refusals.events()).isZero();
    }

    @Test
    void neverRepeatsARefusalAtOrAfterTheEarliestExpiryOfTheEvent() {
        refusals.refused(EVENT, List.of(3), NOW_MS + 500, nanos.get());

        assertThat(refusals.stillTaken(EVENT, new int[] {3}, NOW_MS + 499)).containsExactly(3);
        assertThat(refusals.stillTaken(EVENT, new int[] {3}, NOW_MS + 500)).isEmpty();
    }

    @Test
    void forgetsTheEventWhenTheNodeFreesSeats() {
        refusals.refused(EVENT, List.of(3), Long.MAX_VALUE, nanos.get());

        refusals.forget(EVENT);

        assertThat(refusals.stillTaken(EVENT, new int[] {3}, NOW_MS)).isEmpty();
    }

    @Test
    void dropsRefusalsTooOldToBeUsedOnceItRemembersMany() {
        refusals.refused(EVENT, IntStream.range(0, 5000).boxed().toList(), Long.MAX_VALUE, nanos.get());
        nanos.addAndGet(MAX_AGE);

        refusals.refused(EVENT, List.of(9999), Long.MAX_VALUE, nanos.get());

        assertThat(refusals.remembered(EVENT)).isEqualTo(1);
    }
}
