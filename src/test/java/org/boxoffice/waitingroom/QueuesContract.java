package org.boxoffice.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Queues} adapter must do, run against the in-process and the Redis adapter alike, with time
 * passed in: fairness of the pre-queue draw, arrival order after it, the admission rate, the cap on active
 * buyers, racing admitters, lapses, and 100,000 buyers joining.
 */
public abstract class QueuesContract {
    protected static final Instant ON_SALE = Instant.parse("2030-06-01T10:00:00Z");
    private static final Duration ADMISSION = Duration.ofMinutes(15);
    /** One seed for every queue here: the random entry ids the adapter draws make each draw's order. */
    protected static final QueueShuffle SHUFFLE = new QueueShuffle("5eed".repeat(16));

    /** An adapter drawing pre-queue order from this random source. */
    protected abstract Queues queues(Random random);

    /**
     * An event id no earlier run used: the Redis suite runs on a server that keeps the queues of earlier runs, and a
     * random id (thousands drawn per run) now and then met an old queue whose buyers were admitted already.
     */
    private static long newEvent() {
        return EVENT_IDS.incrementAndGet();
    }

    private static final AtomicLong EVENT_IDS = new AtomicLong(System.currentTimeMillis() * 1_000);

    @Test
    void givesEachUserOnePlace() {
        Queues queues = queues(new Random(1));
        long event = newEvent();
        Instant now = ON_SALE.plusSeconds(5);
        queues.join(event, "a", SHUFFLE, ON_SALE, now);
        // arrivals in the same millisecond are ordered by a random jitter, so b comes a millisecond later
        QueueEntry first = queues.join(event, "b", SHUFFLE, ON_SALE, now.plusMillis(1));

        QueueEntry again = queues.join(event, "b", SHUFFLE, ON_SALE, now.plusSeconds(30));

        assertThat(again.position()).isEqualTo(first.position()).isEqualTo(2);
        assertThat(queues.stats(event, now).waiting()).isEqualTo(2);
    }

    @Test
    void admitsPreQueueFirstThenArrivalsInTheOrderTheyCame() {
        Queues queues = queues(new Random(2));
        long event = newEvent();
        Set<String> early = Set.of("p1", "p2", "p3");
        early.forEach(user -> assertThat(queues.join(event, user, SHUFFLE, ON_SALE, ON_SALE.minusSeconds(60)).preQueue()).isTrue());
        List<String> late = List.of("l1", "l2", "l3", "l4");
        for (int i = 0; i < late.size(); i++) {
            queues.join(event, late.get(i), SHUFFLE, ON_SALE, ON_SALE.plusMillis(10L * (i + 1)));
        }

        List<String> order = new ArrayList<>();
        Instant now = ON_SALE.plusSeconds(1);
        while (order.size() < 7) {
            now = now.plusSeconds(1);
            order.addAll(queues.admit(event, ON_SALE, 60, 1000, ADMISSION, now).admitted());
        }

        assertThat(new HashSet<>(order.subList(0, 3))).isEqualTo(early);
        assertThat(order.subList(3, 7)).isEqualTo(late);
    }

    @Test
    void givesPreQueueBuyersTheirDrawnPlaceOnceTheSaleOpens() {
        Queues queues = queues(new Random(8));
        long event = newEvent();
        List<String> early = List.of("p1", "p2", "p3", "p4", "p5");
        early.forEach(user -> queues.join(event, user, SHUFFLE, ON_SALE, ON_SALE.minusSeconds(60)));

        List<Long> positions = early.stream()
                .map(user -> queues.find(event, user, ON_SALE, ON_SALE.plusSeconds(30)).orElseThrow().position()).sorted().toList();

        assertThat(positions).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void admitsThePreQueueInTheOrderTheShuffleGivesTheEntryIdsItRecorded() {
        Queues queues = queues(new Random(11));
        long event = newEvent();
        QueueShuffle shuffle = QueueShuffle.draw(new SecureRandom());
        Map<String, String> userOf = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            Instant at = ON_SALE.minusSeconds(100).plusMillis(i);
            QueueEntry entry = queues.join(event, "p" + i, shuffle, ON_SALE, at);
            assertThat(entry.preQueue()).isTrue();
            assertThat(entry.joinedAt()).isEqualTo(at);
            assertThat(entry.entryId()).matches("[0-9a-f]{32}");
            userOf.put(entry.entryId(), "p" + i);
        }
        List<String> late = List.of("l1", "l2", "l3");
        for (int i = 0; i < late.size(); i++) {
            assertThat(queues.join(event, late.get(i), shuffle, ON_SALE, ON_SALE.plusMillis(10L * (i + 1))).preQueue()).isFalse();
        }

        List<String> admitted = queues.admit(event, ON_SALE, 60 * 300, 1000, ADMISSION, ON_SALE.plusSeconds(1)).admitted();

        List<String> expected = new ArrayList<>(shuffle.order(userOf.keySet()).stream().map(userOf::get).toList());
        expected.addAll(late);
        assertThat(admitted).isEqualTo(expected);
        List<QueueRecord> records = queues.records(event, ON_SALE, ON_SALE.plusSeconds(1));
        assertThat(records).hasSize(203);
        assertThat(records.stream().sorted(java.util.Comparator.comparingLong(QueueRecord::admissionNumber)).map(QueueRecord::userId))
                .containsExactlyElementsOf(expected);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.admissionNumber()).isEqualTo(expected.indexOf(r.userId()) + 1L);
            assertThat(r.admittedAt()).isEqualTo(ON_SALE.plusSeconds(1));
            assertThat(r.preQueue()).isEqualTo(r.userId().startsWith("p"));
        });
        assertThat(records.stream().filter(QueueRecord::preQueue).map(QueueRecord::entryId)).containsExactlyInAnyOrderElementsOf(userOf.keySet());
    }

    @Test
    void closesThePreQueueForGoodOnceItsEntriesHaveBeenRead() {
        Queues queues = queues(new Random(12));
        long event = newEvent();
        queues.join(event, "early", SHUFFLE, ON_SALE, ON_SALE.minusSeconds(5));
        assertThat(queues.records(event, ON_SALE, ON_SALE.plusMillis(1))).extracting(QueueRecord::userId).containsExactly("early");

        // a node whose clock is a second behind still thinks the sale has not opened
        QueueEntry skewed = queues.join(event, "skewed", SHUFFLE, ON_SALE, ON_SALE.minusSeconds(1));

        assertThat(skewed.preQueue()).isFalse();
        assertThat(queues.records(event, ON_SALE, ON_SALE.plusSeconds(2)).stream().filter(QueueRecord::preQueue).map(QueueRecord::userId))
                .containsExactly("early");
    }

    @Test
    void closesThePreQueueForGoodAtTheFirstAdmissionRoundAfterTheOpening() {
        Queues queues = queues(new Random(14));
        long event = newEvent();
        queues.join(event, "early", SHUFFLE, ON_SALE, ON_SALE.minusSeconds(5));
        assertThat(queues.admit(event, ON_SALE, 600, 1000, ADMISSION, ON_SALE.plusMillis(1)).admitted()).isEmpty();

        QueueEntry skewed = queues.join(event, "skewed", SHUFFLE, ON_SALE, ON_SALE.minusSeconds(1));

        assertThat(skewed.preQueue()).isFalse();
        assertThat(queues.admit(event, ON_SALE, 600, 1000, ADMISSION, ON_SALE.plusSeconds(3)).admitted()).containsExactly("early", "skewed");
    }

    @Test
    void countsAdmissionsPerSecondAndAddsUpEveryNodesRejections() {
        Queues queues = queues(new Random(13));
        long event = newEvent();
        for (int i = 0; i < 100; i++) {
            queues.join(event, "u" + i, SHUFFLE, ON_SALE, ON_SALE.plusMillis(i));
        }
        queues.admit(event, ON_SALE, 1200, 1000, ADMISSION, ON_SALE.plusSeconds(1));
        queues.admit(event, ON_SALE, 1200, 1000, ADMISSION, ON_SALE.plusSeconds(2));
        queues.addRejections(event, Map.of("rate-limited", 3L));
        queues.addRejections(event, Map.of("rate-limited", 2L, "proof-of-work-invalid", 1L));

        assertThat(queues.admissionsPerSecond(event))
                .isEqualTo(Map.of(ON_SALE.getEpochSecond() + 1, 20L, ON_SALE.getEpochSecond() + 2, 20L));
        assertThat(queues.rejections(event)).isEqualTo(Map.of("rate-limited", 5L, "proof-of-work-invalid", 1L));
    }

    @Test
    void drawsAUniformlyRandomOrderForThePreQueue() {
        // 6 buyers, 3000 draws with a fixed seed: each buyer should take each place about 500 times. The chi-square
        // statistic of a buyer's 6 place counts (5 degrees of freedom) stays below 20.52 (p = 0.001) for a fair draw.
        Random random = new Random(20261127L);
        Queues queues = queues(random);
        int buyers = 6;
        int draws = 3000;
        long[][] counts = new long[buyers][buyers];
        for (int draw = 0; draw < draws; draw++) {
            long event = newEvent();
            for (int b = 0; b < buyers; b++) {
                queues.join(event, "u" + b, SHUFFLE, ON_SALE, ON_SALE.minusSeconds(10));
            }
            List<String> admitted = queues.admit(event, ON_SALE, 60 * buyers, 1000, ADMISSION, ON_SALE.plusSeconds(1)).admitted();
            assertThat(admitted).hasSize(buyers);
            for (int place = 0; place < buyers; place++) {
                counts[Integer.parseInt(admitted.get(place).substring(1))][place]++;
            }
        }
        double expected = (double) draws / buyers;
        for (int b = 0; b < buyers; b++) {
            double chiSquare = 0;
            for (int place = 0; place < buyers; place++) {
                chiSquare += Math.pow(counts[b][place] - expected, 2) / expected;
            }
            assertThat(chiSquare).as("chi-square of buyer %d's places", b).isLessThan(20.52);
        }
    }

    @Test
    void drawsEveryOrderOfThePreQueueAsOftenAsAnother() {
        // Each buyer's place alone can look fair while the orders are not (a random rotation of the join order gives
        // every buyer every place equally often). So count whole orders: 6 buyers have 720, and 7,200 draws give each
        // about 10. The chi-square statistic over all 720 (719 degrees of freedom) stays below 842 (p = 0.001).
        Random random = new Random(20261202L);
        Queues queues = queues(random);
        int buyers = 6;
        int draws = 7_200;
        Map<String, Integer> orders = new HashMap<>();
        for (int draw = 0; draw < draws; draw++) {
            long event = newEvent();
            for (int b = 0; b < buyers; b++) {
                queues.join(event, "u" + b, SHUFFLE, ON_SALE, ON_SALE.minusSeconds(10));
            }
            List<String> admitted = queues.admit(event, ON_SALE, 60 * buyers, 1000, ADMISSION, ON_SALE.plusSeconds(1)).admitted();
            orders.merge(String.join(",", admitted), 1, Integer::sum);
        }
        int permutations = 720;
        double expected = (double) draws / permutations;
        double chiSquare = (permutations - orders.size()) * expected; // orders never drawn
        for (int count : orders.values()) {
            chiSquare += Math.pow(count - expected, 2) / expected;
        }

        assertThat(orders.size()).as("orders drawn at all").isGreaterThan(700);
        assertThat(chiSquare).as("chi-square over all orders of six buyers").isLessThan(842);
    }

    @Test
    void admitsWithinFivePercentOfTheRateOverAnHourAndSmoothly() {
        Queues queues = queues(new Random(3));
        long event = newEvent();
        int perMinute = 120;
        for (int i = 0; i < 8000; i++) {
            queues.join(event, "u" + i, SHUFFLE, ON_SALE, ON_SALE.plusMillis(i));
        }
        long admitted = 0;
        int largestRound = 0;
        for (int second = 9; second <= 3600 + 8; second++) {
            int round = queues.admit(event, ON_SALE, perMinute, 100_000, ADMISSION, ON_SALE.plusSeconds(second)).admitted().size();
            admitted += round;
            largestRound = Math.max(largestRound, round);
        }

        assertThat((double) admitted).isBetween(perMinute * 60 * 0.95, perMinute * 60 * 1.05);
        assertThat(largestRound).as("no burst: at most one second's worth at once").isLessThanOrEqualTo(perMinute / 60);
    }

    @Test
    void neverLetsMoreThanMaxActiveHoldAdmission() {
        Queues queues = queues(new Random(4));
        long event = newEvent();
        for (int i = 0; i < 3000; i++) {
            queues.join(event, "u" + i, SHUFFLE, ON_SALE, ON_SALE.plusMillis(i));
        }
        Duration admission = Duration.ofMinutes(2);
        int lapsed = 0;
        for (int second = 5; second < 1800; second++) {
            Instant now = ON_SALE.plusSeconds(second);
            AdmissionRound round = queues.admit(event, ON_SALE, 600, 50, admission, now);
            lapsed += round.lapsed().size();
            round.lapsed().forEach(user -> queues.finish(event, user));
            assertThat(queues.stats(event, now).active()).isLessThanOrEqualTo(50);
        }
        assertThat(lapsed).as("admissions ran out and made room").isGreaterThan(500);
    }

    @Test
    void racingAdmittersNeitherAdmitTwiceNorSkipNorExceedTheRate() throws Exception {
        Queues queues = queues(new Random(5));
        long event = newEvent();
        List<String> line = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            line.add("u" + i);
            queues.join(event, "u" + i, SHUFFLE, ON_SALE, ON_SALE.plusMillis(i));
        }
        AtomicLong clock = new AtomicLong(ON_SALE.plusSeconds(3).toEpochMilli());
        ConcurrentLinkedQueue<String> admitted = new ConcurrentLinkedQueue<>();
        List<Future<?>> admitters = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int node = 0; node < 2; node++) {
                admitters.add(pool.submit(() -> {
                    for (int tick = 0; tick < 300; tick++) {
                        Instant now = Instant.ofEpochMilli(clock.addAndGet(250));
                        admitted.addAll(queues.admit(event, ON_SALE, 240, 100_000, ADMISSION, now).admitted());
                    }
                    return null;
                }));
            }
            for (Future<?> admitter : admitters) {
                admitter.get(2, TimeUnit.MINUTES);
            }
        }
        List<String> all = new ArrayList<>(admitted);
        Duration elapsed = Duration.ofMillis(clock.get()).minus(Duration.ofMillis(ON_SALE.toEpochMilli()));

        assertThat(new HashSet<>(all)).as("nobody admitted twice").hasSize(all.size());
        assertThat(new HashSet<>(all)).as("nobody skipped: exactly the head of the line").isEqualTo(new HashSet<>(line.subList(0, all.size())));
        assertThat((double) all.size()).as("two admitters share one rate").isLessThanOrEqualTo(elapsed.toSeconds() * 240 / 60.0 + 4);
    }

    @Test
    void endsLapsedAdmissionsAndSendsBuyersToTheBackOrHome() {
        Queues queues = queues(new Random(6));
        long event = newEvent();
        List<String> users = List.of("a", "b", "c");
        for (int i = 0; i < users.size(); i++) {
            queues.join(event, users.get(i), SHUFFLE, ON_SALE, ON_SALE.plusSeconds(1).plusMillis(i));
        }
        Instant admittedAt = ON_SALE.plusSeconds(2);
        assertThat(queues.admit(event, ON_SALE, 60, 1, ADMISSION, admittedAt).admitted()).containsExactly("a");
        assertThat(queues.find(event, "a", ON_SALE, admittedAt).orElseThrow().status()).isEqualTo(QueueEntry.Status.ADMITTED);
        Instant lapse = admittedAt.plus(ADMISSION);

        AdmissionRound round = queues.admit(event, ON_SALE, 60, 1, ADMISSION, lapse);

        assertThat(round.lapsed()).containsExactly("a");
        queues.requeue(event, "a", lapse);
        QueueEntry back = queues.find(event, "a", ON_SALE, lapse).orElseThrow();
        assertThat(back.status()).isEqualTo(QueueEntry.Status.WAITING);
        assertThat(back.position()).isEqualTo(queues.stats(event, lapse).waiting());
        queues.finish(event, "b");
        assertThat(queues.find(event, "b", ON_SALE, lapse).orElseThrow().status()).isEqualTo(QueueEntry.Status.EXPIRED);
        assertThat(queues.find(event, "nobody", ON_SALE, lapse)).isEmpty();
    }

    @Test
    void takesOneHundredThousandBuyers() throws Exception {
        Queues queues = queues(new Random(7));
        long event = newEvent();
        int buyers = 100_000;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> joins = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                joins.add(pool.submit(() -> {
                    for (int i = thread; i < buyers; i += 16) {
                        queues.join(event, "u" + i, SHUFFLE, ON_SALE, ON_SALE.plusMillis(i));
                    }
                    return null;
                }));
            }
            for (Future<?> join : joins) {
                join.get(5, TimeUnit.MINUTES);
            }
        }

        assertThat(queues.stats(event, ON_SALE.plusSeconds(120)).waiting()).isEqualTo(buyers);
        // whoever joins after all of them is last in the line, exactly
        queues.join(event, "latecomer", SHUFFLE, ON_SALE, ON_SALE.plusSeconds(150));
        assertThat(queues.find(event, "latecomer", ON_SALE, ON_SALE.plusSeconds(200)).orElseThrow().position()).isEqualTo(buyers + 1L);
    }
}
