package org.boxoffice.waitingroom.memory;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.infrastructure.RedisConfigured;
import org.boxoffice.waitingroom.AdmissionRound;
import org.boxoffice.waitingroom.QueueEntry;
import org.boxoffice.waitingroom.QueueRecord;
import org.boxoffice.waitingroom.QueueShuffle;
import org.boxoffice.waitingroom.QueueStats;
import org.boxoffice.waitingroom.Queues;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** Embedded-mode queues, one lock per event. */
@Component
@Conditional(RedisConfigured.Not.class)
public class InMemoryQueues implements Queues {
    private final Map<Long, EventQueue> queues = new ConcurrentHashMap<>();
    private final Random random;

    @org.springframework.beans.factory.annotation.Autowired
    InMemoryQueues() {
        this(new SecureRandom());
    }

    /** With a given source of entry ids, so that a test can repeat a draw. */
    public InMemoryQueues(Random random) {
        this.random = random;
    }

    private EventQueue queue(long eventId) {
        return queues.computeIfAbsent(eventId, id -> new EventQueue(random));
    }

    @Override
    public QueueEntry join(long eventId, String userId, QueueShuffle shuffle, Instant onSaleAt, Instant now) {
        return queue(eventId).join(userId, shuffle, onSaleAt, now);
    }

    @Override
    public Optional<QueueEntry> find(long eventId, String userId, Instant onSaleAt, Instant now) {
        return Optional.ofNullable(queue(eventId).find(userId, onSaleAt, now));
    }

    @Override
    public AdmissionRound admit(long eventId, Instant onSaleAt, int admitPerMinute, int maxActive, Duration admission, Instant now) {
        return queue(eventId).admit(onSaleAt, admitPerMinute, maxActive, admission, now);
    }

    @Override
    public void requeue(long eventId, String userId, Instant now) {
        queue(eventId).requeue(userId);
    }

    @Override
    public void finish(long eventId, String userId) {
        queue(eventId).finish(userId);
    }

    @Override
    public QueueStats stats(long eventId, Instant now) {
        return queue(eventId).stats();
    }

    @Override
    public List<QueueRecord> records(long eventId, Instant onSaleAt, Instant now) {
        return queue(eventId).records(onSaleAt, now);
    }

    @Override
    public Map<Long, Long> admissionsPerSecond(long eventId) {
        return queue(eventId).admissionsPerSecond();
    }

    @Override
    public void addRejections(long eventId, Map<String, Long> counts) {
        queue(eventId).addRejections(counts);
    }

    @Override
    public Map<String, Long> rejections(long eventId) {
        return queue(eventId).rejections();
    }
}
