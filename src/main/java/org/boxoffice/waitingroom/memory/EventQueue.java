package org.boxoffice.waitingroom.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import org.boxoffice.waitingroom.AdmissionRound;
import org.boxoffice.waitingroom.QueueEntry;
import org.boxoffice.waitingroom.QueueRecord;
import org.boxoffice.waitingroom.QueueShuffle;
import org.boxoffice.waitingroom.QueueStats;

/**
 * One event's queue in memory. The line is append-only with a head pointer, so a position is a subtraction
 * (cheap enough for hundreds of thousands of buyers polling). Pre-queue buyers get the shuffle's key of their random
 * entry id; when the sale opens they enter the line in key order, ahead of every later arrival.
 */
final class EventQueue {
    private final Random random;
    private final Map<String, byte[]> preQueue = new HashMap<>();
    private final Map<String, QueueRecord> records = new HashMap<>();
    private final Map<Long, Long> admissionsPerSecond = new TreeMap<>();
    private final Map<String, Long> rejections = new TreeMap<>();
    private final List<String> line = new ArrayList<>();
    private final Map<String, Long> ordinals = new HashMap<>();
    private final Map<String, Instant> admittedUntil = new HashMap<>();
    private final PriorityQueue<Map.Entry<String, Instant>> expiries = new PriorityQueue<>(Map.Entry.comparingByValue());
    private final Map<String, Boolean> finished = new HashMap<>();
    private int head;
    private boolean sealed;
    private Instant lastRound;
    private double credit;
    private long admittedTotal;

    EventQueue(Random random) {
        this.random = random;
    }

    synchronized QueueEntry join(String userId, QueueShuffle shuffle, Instant onSaleAt, Instant now) {
        seal(onSaleAt, now);
        QueueEntry existing = entry(userId, now);
        if (existing != null) {
            return existing;
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String entryId = HexFormat.of().formatHex(id);
        records.put(userId, new QueueRecord(userId, entryId, now, !sealed, 0, null));
        if (!sealed) {
            preQueue.put(userId, shuffle.key(entryId));
        } else {
            append(userId);
        }
        return entry(userId, now);
    }

    synchronized QueueEntry find(String userId, Instant onSaleAt, Instant now) {
        seal(onSaleAt, now);
        return entry(userId, now);
    }

    synchronized AdmissionRound admit(Instant onSaleAt, int perMinute, int maxActive, Duration admission, Instant now) {
        seal(onSaleAt, now);
        List<String> lapsed = new ArrayList<>();
        while (!expiries.isEmpty() && !expiries.peek().getValue().isAfter(now)) {
            Map.Entry<String, Instant> due = expiries.poll();
            if (due.getValue().equals(admittedUntil.get(due.getKey()))) {
                admittedUntil.remove(due.getKey());
                lapsed.add(due.getKey());
            }
        }
        if (!sealed) {
            return new AdmissionRound(List.of(), lapsed);
        }
        Instant since = lastRound == null || lastRound.isBefore(onSaleAt) ? onSaleAt : lastRound;
        // at most one second of unused budget carries over, so an idle queue does not admit a burst later
        credit = Math.min(credit + Duration.between(since, now).toMillis() * perMinute / 60_000.0, Math.max(1.0, perMinute / 60.0));
        lastRound = now;
        int places = (int) Math.min(Math.floor(credit), Math.max(0, maxActive - admittedUntil.size()));
        List<String> admitted = new ArrayList<>();
        while (admitted.size() < places && head < line.size()) {
            String userId = line.get(head++);
            if (ordinals.get(userId) == head - 1) {
                Instant until = now.plus(admission);
                admittedUntil.put(userId, until);
                expiries.add(Map.entry(userId, until));
                admitted.add(userId);
                QueueRecord record = records.get(userId);
                if (!record.admitted()) {
                    records.put(userId, new QueueRecord(userId, record.entryId(), record.joinedAt(), record.preQueue(),
                            admittedTotal + admitted.size(), now));
                }
            }
        }
        credit -= admitted.size();
        admittedTotal += admitted.size();
        if (!admitted.isEmpty()) {
            admissionsPerSecond.merge(now.getEpochSecond(), (long) admitted.size(), Long::sum);
        }
        return new AdmissionRound(admitted, lapsed);
    }

    synchronized void requeue(String userId) {
        admittedUntil.remove(userId);
        append(userId);
    }

    synchronized void finish(String userId) {
        admittedUntil.remove(userId);
        finished.put(userId, true);
    }

    synchronized QueueStats stats() {
        return new QueueStats(line.size() - head + preQueue.size(), admittedUntil.size(), admittedTotal);
    }

    synchronized List<QueueRecord> records(Instant onSaleAt, Instant now) {
        seal(onSaleAt, now);
        return List.copyOf(records.values());
    }

    synchronized Map<Long, Long> admissionsPerSecond() {
        return Map.copyOf(admissionsPerSecond);
    }

    synchronized void addRejections(Map<String, Long> counts) {
        counts.forEach((reason, count) -> rejections.merge(reason, count, Long::sum));
    }

    synchronized Map<String, Long> rejections() {
        return Map.copyOf(rejections);
    }

    private void append(String userId) {
        ordinals.put(userId, (long) line.size());
        line.add(userId);
    }

    private void seal(Instant onSaleAt, Instant now) {
        if (sealed || now.isBefore(onSaleAt)) {
            return;
        }
        preQueue.entrySet().stream()
                .sorted(Map.Entry.<String, byte[]>comparingByValue(Arrays::compareUnsigned)
                        .thenComparing(e -> records.get(e.getKey()).entryId()))
                .map(Map.Entry::getKey).forEach(this::append);
        preQueue.clear();
        sealed = true;
    }

    private QueueEntry entry(String userId, Instant now) {
        QueueRecord record = records.get(userId);
        if (record == null) {
            return null;
        }
        if (finished.containsKey(userId)) {
            return new QueueEntry(userId, QueueEntry.Status.EXPIRED, 0, null, record.preQueue(), record.entryId(), record.joinedAt());
        }
        Instant until = admittedUntil.get(userId);
        if (until != null && until.isAfter(now)) {
            return new QueueEntry(userId, QueueEntry.Status.ADMITTED, 0, until, record.preQueue(), record.entryId(), record.joinedAt());
        }
        if (until != null) {
            // ran out; the next admission round ends it and decides where the buyer goes
            return new QueueEntry(userId, QueueEntry.Status.EXPIRED, 0, until, record.preQueue(), record.entryId(), record.joinedAt());
        }
        if (preQueue.containsKey(userId)) {
            // the order is drawn when the sale opens; until then anyone in the pre-queue may be ahead
            return new QueueEntry(userId, QueueEntry.Status.WAITING, preQueue.size(), null, record.preQueue(), record.entryId(), record.joinedAt());
        }
        Long ordinal = ordinals.get(userId);
        if (ordinal == null) {
            return null;
        }
        if (ordinal < head) {
            return new QueueEntry(userId, QueueEntry.Status.EXPIRED, 0, null, record.preQueue(), record.entryId(), record.joinedAt());
        }
        return new QueueEntry(userId, QueueEntry.Status.WAITING, ordinal - head + 1, null, record.preQueue(), record.entryId(), record.joinedAt());
    }
}
