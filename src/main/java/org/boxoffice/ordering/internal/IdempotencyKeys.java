package org.boxoffice.ordering.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.boxoffice.shared.Timestamps;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys per user: the first request claims the key, its response is stored for replays. A key lives 24
 * hours, as payment providers keep theirs: after that it may be used again, and {@link #deleteExpired} removes it.
 */
@Repository
public class IdempotencyKeys {

    /** A key already claimed: by a request with this hash, finished ({@code status} set) or still running. */
    public record Claimed(String requestHash, @Nullable Integer status, @Nullable String body) {
        public boolean finished() {
            return status != null;
        }
    }

    public static final Duration LIFETIME = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    private final JdbcClient jdbc;
    private final Queue<UserKey> leftOvers = new ConcurrentLinkedQueue<>();

    private record UserKey(String userId, String key) {
    }

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key; empty when this request now owns it, otherwise what the key already holds. */
    public Optional<Claimed> claim(String userId, String key, String requestHash, Instant now) {
        // The key's owner may fail and free it between our insert and our read: then try to claim it again.
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Claimed> existing = tryClaim(userId, key, requestHash, now);
            if (existing == null) {
                return Optional.empty();
            }
            if (existing.isPresent()) {
                return existing;
            }
        }
        throw new IllegalStateException("idempotency key " + key + " keeps changing hands");
    }

    /**
     * Claims the key inside the caller's transaction: false when it exists already. The caller must then end its
     * transaction (on PostgreSQL the failed insert has spoiled it) and look at the key with {@link #claim}.
     */
    public boolean insert(String userId, String key, String requestHash, Instant now) {
        try {
            jdbc.sql("""
                    INSERT INTO idempotency_keys (user_id, idem_key, request_hash, created_at) VALUES (:user, :key, :hash, :now)
                    """).param("user", userId).param("key", key).param("hash", requestHash).param("now", Timestamps.utc(now))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** null when claimed now; otherwise what the key holds (empty if it vanished meanwhile). */
    private Optional<Claimed> tryClaim(String userId, String key, String requestHash, Instant now) {
        if (insert(userId, key, requestHash, now)) {
            return null;
        }
        int expired = jdbc.sql("DELETE FROM idempotency_keys WHERE user_id = :user AND idem_key = :key AND created_at < :before")
                .param("user", userId).param("key", key).param("before", Timestamps.utc(now.minus(LIFETIME))).update();
        return expired > 0 ? Optional.empty() : find(userId, key);
    }

    /** Removes keys older than their lifetime; run often, each run has a few minutes' worth to remove. */
    public int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < :before")
                .param("before", Timestamps.utc(now.minus(LIFETIME))).update();
    }

    public Optional<Claimed> find(String userId, String key) {
        return jdbc.sql("SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE user_id = :user AND idem_key = :key")
                .param("user", userId).param("key", key)
                .query((rs, n) -> new Claimed(rs.getString("request_hash"), (Integer) rs.getObject("response_status"),
                        rs.getString("response_body")))
                .optional();
    }

    /** Stores the key's answer; an answer once stored never changes. */
    public void complete(String userId, String key, int status, String body) {
        jdbc.sql("""
                UPDATE idempotency_keys SET response_status = :status, response_body = :body
                WHERE user_id = :user AND idem_key = :key AND response_status IS NULL
                """)
                .param("status", status).param("body", body).param("user", userId).param("key", key).update();
    }

    /**
     * Frees a key whose request failed unexpectedly, so the client may retry it. Such failures are often the database's
     * own: a key it cannot free now is freed by {@link #releaseLeftOvers} once it answers, or the key would answer
     * "in progress" to every retry for its whole lifetime.
     */
    public void release(String userId, String key) {
        try {
            delete(new UserKey(userId, key));
        } catch (DataAccessException databaseAway) {
            leftOvers.add(new UserKey(userId, key));
            log.warn("Could not free idempotency key {} yet: {}", key, databaseAway.getMessage());
        }
    }

    /** Frees the keys {@link #release} could not; stops at the first failure, the rest wait for the next call. */
    public void releaseLeftOvers() {
        for (UserKey next = leftOvers.peek(); next != null; next = leftOvers.peek()) {
            delete(next);
            leftOvers.remove(next);
        }
    }

    private void delete(UserKey userKey) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE user_id = :user AND idem_key = :key AND response_status IS NULL")
                .param("user", userKey.userId()).param("key", userKey.key()).update();
    }
}
