package org.boxoffice.waitingroom.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.catalog.Event;
import org.boxoffice.inventory.HoldHistory;
import org.boxoffice.ordering.OrderService;
import org.boxoffice.waitingroom.QueueRecord;
import org.boxoffice.waitingroom.QueueShuffle;
import org.boxoffice.waitingroom.Queues;
import org.boxoffice.waitingroom.WaitingRoomRefusal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The fairness report of an event's waiting room, from the opening of the sale on: who queued, how fast they were
 * let in against the setting, how long they waited, whether admission followed the shuffle (pre-queue) and arrival
 * (later joiners), what was refused and why, whether anyone held or bought without coming through the queue, and
 * whether the revealed seed matches its commitment and the order it decides. Worked out at most once per
 * {@code boxoffice.waitingroom.report-refresh} per node: reading every entry of a large queue costs its store a moment
 * each time.
 */
@Service
public class FairnessReports {
    private final QueueFairness fairness;
    private final Queues queues;
    private final ShuffleSeeds seeds;
    private final Rejections rejections;
    private final OrderService orders;
    private final HoldHistory holds;
    private final Clock clock;
    private final Duration freshFor;
    private final Map<Long, Report> recent = new ConcurrentHashMap<>();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    public record Report(long eventId, Instant onSaleAt, Instant generatedAt, Entries entries, AdmissionRate admissionRate,
                         Waits waitSeconds, Correlations joinVersusAdmissionOrder, Map<String, Long> rejections,
                         Bypass notThroughQueue, SeedCheck seed) {
    }

    /** Entries of the pre-queue and later, and how many of each were admitted (at least once). */
    public record Entries(long preQueue, long preQueueAdmitted, long laterJoiners, long laterJoinersAdmitted) {
    }

    /** Admissions per minute since the opening (minute 0 is the first), against the configured rate. */
    public record AdmissionRate(int configuredPerMinute, List<Long> perMinute, long busiestMinute, long busiestSecond) {
    }

    /**
     * Seconds from when an entry could first be admitted (the opening for the pre-queue, joining for later joiners) to
     * its first admission.
     */
    public record Waits(@Nullable Percentiles preQueue, @Nullable Percentiles laterJoiners) {
    }

    public record Percentiles(long count, double p50, double p90, double p99, double max) {
    }

    /**
     * Spearman's rank correlation between the order of joining and the order of first admission, among admitted entries:
     * near 0 for the shuffled pre-queue (coming early within it buys nothing), near 1 for later joiners (first come,
     * first served). Null with fewer than two entries.
     */
    public record Correlations(@Nullable Double preQueue, @Nullable Double laterJoiners) {
    }

    /** Buyers who held or bought while the waiting room guarded the sale without ever being admitted: must be none. */
    public record Bypass(Instant from, Instant to, long holders, long buyers) {
    }

    /**
     * The seed check: the commitment was drawn before the opening and before the pre-queue's first entry
     * ({@code committedInTime}); SHA-256 of the stored seed equals the stored commitment; and the admitted pre-queue
     * entries, in the order they were admitted, are the first entries of the order the seed decides. These are the
     * service's checks of its own records: a buyer checks the commitment they saved before the opening themselves.
     */
    public record SeedCheck(String commitment, String seed, Instant committedAt, boolean committedInTime, boolean commitmentMatches,
                            boolean orderMatches, long preQueueAdmittedChecked, @Nullable Long firstMismatchAt) {
    }

    FairnessReports(QueueFairness fairness, Queues queues, ShuffleSeeds seeds, Rejections rejections, OrderService orders,
                    HoldHistory holds, Clock clock, WaitingRoomSettings settings) {
        this.fairness = fairness;
        this.queues = queues;
        this.seeds = seeds;
        this.rejections = rejections;
        this.orders = orders;
        this.holds = holds;
        this.clock = clock;
        this.freshFor = settings.waitingroom().reportRefresh();
    }

    public Report report(long eventId) {
        Event event = fairness.roomEvent(eventId);
        Instant now = clock.instant();
        if (now.isBefore(event.onSaleAt())) {
            throw new WaitingRoomRefusal.NotRevealed(eventId, event.onSaleAt()).refused();
        }
        Report last = recent.get(eventId);
        if (fresh(last, now)) {
            return last;
        }
        // one computation per event at a time: the requests that come meanwhile take its result
        synchronized (locks.computeIfAbsent(eventId, id -> new Object())) {
            last = recent.get(eventId);
            if (fresh(last, now)) {
                return last;
            }
            Report report = compute(event, now);
            recent.put(eventId, report);
            return report;
        }
    }

    private boolean fresh(@Nullable Report report, Instant now) {
        return report != null && report.generatedAt().plus(freshFor).isAfter(now) && !report.generatedAt().isAfter(now);
    }

    private Report compute(Event event, Instant now) {
        long eventId = event.id();
        List<QueueRecord> records = queues.records(eventId, event.onSaleAt(), now);
        List<QueueRecord> pre = records.stream().filter(QueueRecord::preQueue).toList();
        List<QueueRecord> later = records.stream().filter(r -> !r.preQueue()).toList();
        List<QueueRecord> preAdmitted = admittedInOrder(pre);
        List<QueueRecord> laterAdmitted = admittedInOrder(later);
        Entries entries = new Entries(pre.size(), preAdmitted.size(), later.size(), laterAdmitted.size());
        Waits waits = new Waits(waits(preAdmitted, event.onSaleAt()), waits(laterAdmitted, event.onSaleAt()));
        Correlations correlations = new Correlations(RankCorrelation.spearman(preAdmitted), RankCorrelation.spearman(laterAdmitted));
        Map<String, Long> refused = new TreeMap<>(queues.rejections(eventId));
        rejections.unflushed(eventId).forEach((reason, count) -> refused.merge(reason, count, Long::sum));
        return new Report(eventId, event.onSaleAt(), now, entries, rate(event), waits, correlations, refused, bypass(event, records, now),
                seedCheck(event, pre, preAdmitted));
    }

    private static List<QueueRecord> admittedInOrder(List<QueueRecord> records) {
        return records.stream().filter(QueueRecord::admitted).sorted(Comparator.comparingLong(QueueRecord::admissionNumber)).toList();
    }

    private static @Nullable Percentiles waits(List<QueueRecord> admitted, Instant onSaleAt) {
        if (admitted.isEmpty()) {
            return null;
        }
        double[] seconds = admitted.stream().mapToDouble(r -> {
            Instant from = r.joinedAt().isBefore(onSaleAt) ? onSaleAt : r.joinedAt();
            return Math.max(0, Duration.between(from, r.admittedAt()).toMillis()) / 1000.0;
        }).sorted().toArray();
        return new Percentiles(seconds.length, percentile(seconds, 0.50), percentile(seconds, 0.90), percentile(seconds, 0.99),
                seconds[seconds.length - 1]);
    }

    /** The nearest-rank percentile: the smallest value with at least that share of the values at or below it. */
    static double percentile(double[] sorted, double share) {
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private AdmissionRate rate(Event event) {
        long opening = event.onSaleAt().getEpochSecond();
        Map<Long, Long> perSecond = queues.admissionsPerSecond(event.id());
        List<Long> perMinute = new ArrayList<>();
        long busiestSecond = 0;
        for (Map.Entry<Long, Long> second : perSecond.entrySet()) {
            int minute = (int) Math.max(0, (second.getKey() - opening) / 60);
            while (perMinute.size() <= minute) {
                perMinute.add(0L);
            }
            perMinute.set(minute, perMinute.get(minute) + second.getValue());
            busiestSecond = Math.max(busiestSecond, second.getValue());
        }
        long busiestMinute = perMinute.stream().mapToLong(Long::longValue).max().orElse(0);
        return new AdmissionRate(event.waitingRoom().admitPerMinute(), List.copyOf(perMinute), busiestMinute, busiestSecond);
    }

    private Bypass bypass(Event event, List<QueueRecord> records, Instant now) {
        Instant to = now.isBefore(event.startsAt()) ? now : event.startsAt();
        Set<String> admitted = new HashSet<>();
        records.stream().filter(QueueRecord::admitted).forEach(r -> admitted.add(r.userId()));
        long holders = holds.holdersBetween(event.id(), event.onSaleAt(), to).stream().filter(u -> !admitted.contains(u)).count();
        long buyers = orders.buyersBetween(event.id(), event.onSaleAt(), to).stream().filter(u -> !admitted.contains(u)).count();
        return new Bypass(event.onSaleAt(), to, holders, buyers);
    }

    private SeedCheck seedCheck(Event event, List<QueueRecord> pre, List<QueueRecord> preAdmitted) {
        ShuffleSeeds.Committed committed = seeds.stored(event.id());
        QueueShuffle shuffle = committed.shuffle();
        QueueFairness.Revealed published = fairness.revealed(event);
        // the order published at the reveal, unless the stored seed is no longer the one that made it
        List<String> order = published != null && published.seed().equals(shuffle.seed()) && published.order().size() == pre.size()
                ? published.order() : shuffle.order(pre.stream().map(QueueRecord::entryId).toList());
        Long mismatch = null;
        for (int i = 0; i < preAdmitted.size(); i++) {
            if (!preAdmitted.get(i).entryId().equals(order.get(i))) {
                mismatch = i + 1L;
                break;
            }
        }
        Instant firstEntry = pre.stream().map(QueueRecord::joinedAt).min(Instant::compareTo).orElse(event.onSaleAt());
        return new SeedCheck(committed.commitment(), shuffle.seed(), committed.committedAt(),
                committed.committedAt().isBefore(event.onSaleAt()) && !committed.committedAt().isAfter(firstEntry),
                shuffle.commitment().equals(committed.commitment()), mismatch == null, preAdmitted.size(), mismatch);
    }
}
