package org.boxoffice.waitingroom.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.shared.Timestamps;
import org.boxoffice.waitingroom.QueueShuffle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each event's shuffle seed, drawn once and kept in the database, so that it survives restarts and every node
 * orders the pre-queue alike. The first node to need it draws it; a node that loses the race reads the winner's.
 */
@Component
public class ShuffleSeeds {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Committed> cache = new ConcurrentHashMap<>();

    /** A seed with its commitment as stored, and when it was drawn. */
    public record Committed(QueueShuffle shuffle, String commitment, Instant committedAt) {
    }

    ShuffleSeeds(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Committed of(long eventId) {
        return cache.computeIfAbsent(eventId, this::readOrDraw);
    }

    /** The seed as the database has it now, past this node's memory: what an audit compares with what happened. */
    public Committed stored(long eventId) {
        return read(eventId).orElseGet(() -> of(eventId));
    }

    private Committed readOrDraw(long eventId) {
        return read(eventId).orElseGet(() -> {
            QueueShuffle drawn = QueueShuffle.draw(random);
            try {
                jdbc.sql("INSERT INTO queue_shuffles (event_id, seed, commitment, committed_at) VALUES (:event, :seed, :commitment, :at)")
                        .param("event", eventId).param("seed", drawn.seed()).param("commitment", drawn.commitment())
                        .param("at", Timestamps.utc(clock.instant())).update();
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                // read below
            }
            return read(eventId).orElseThrow();
        });
    }

    private java.util.Optional<Committed> read(long eventId) {
        return jdbc.sql("SELECT seed, commitment, committed_at FROM queue_shuffles WHERE event_id = :event").param("event", eventId)
                .query((rs, row) -> new Committed(new QueueShuffle(rs.getString("seed")), rs.getString("commitment"),
                        Timestamps.instant(rs, "committed_at")))
                .optional();
    }
}
