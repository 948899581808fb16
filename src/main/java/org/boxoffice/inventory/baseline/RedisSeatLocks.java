package org.boxoffice.inventory.baseline;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.boxoffice.infrastructure.RedisConnections;

/**
 * The seed design's per-seat Redis locks: {@code SET seat-lock NX PXAT expiry}, one round trip per seat. A lock
 * names its hold and expiry, so a lock whose expiry has come by the caller's clock (Redis drops it by its own
 * clock) is taken over. The database row stays the judge: a lock only spares the database the attempts that
 * would fail anyway.
 */
final class RedisSeatLocks {
    private static final String SOLD = "sold";

    private final RedisConnections redis;

    RedisSeatLocks(RedisConnections redis) {
        this.redis = redis;
    }

    /** Locks every seat or none; returns the seats someone else holds a live lock on (empty when all were locked). */
    List<Integer> lock(long eventId, int[] positions, String holdId, Instant expiresAt, Instant now) {
        RedisClusterCommands<String, String> commands = redis.commands();
        String value = holdId + "@" + expiresAt.toEpochMilli();
        List<Integer> taken = new ArrayList<>();
        List<Integer> locked = new ArrayList<>();
        for (int position : positions) {
            String key = key(eventId, position);
            String previous = commands.setGet(key, value, SetArgs.Builder.nx().pxAt(expiresAt.toEpochMilli()));
            if (previous == null) {
                locked.add(position);
            } else if (expired(previous, now)) {
                commands.set(key, value, SetArgs.Builder.pxAt(expiresAt.toEpochMilli()));
                locked.add(position);
            } else {
                taken.add(position);
            }
        }
        if (!taken.isEmpty()) {
            unlock(eventId, locked);
        }
        return taken;
    }

    void extend(long eventId, int[] positions, String holdId, Instant expiresAt) {
        RedisClusterCommands<String, String> commands = redis.commands();
        for (int position : positions) {
            commands.set(key(eventId, position), holdId + "@" + expiresAt.toEpochMilli(), SetArgs.Builder.xx().pxAt(expiresAt.toEpochMilli()));
        }
    }

    /** Sold seats keep a lock without expiry, so later attempts fail in Redis without asking the database. */
    void markSold(long eventId, int[] positions) {
        RedisClusterCommands<String, String> commands = redis.commands();
        for (int position : positions) {
            commands.set(key(eventId, position), SOLD);
        }
    }

    void unlock(long eventId, Iterable<Integer> positions) {
        List<String> keys = new ArrayList<>();
        positions.forEach(position -> keys.add(key(eventId, position)));
        if (!keys.isEmpty()) {
            redis.commands().del(keys.toArray(String[]::new));
        }
    }

    void unlockAll(long eventId, int seats) {
        List<Integer> all = new ArrayList<>();
        for (int position = 0; position < seats; position++) {
            all.add(position);
        }
        unlock(eventId, all);
    }

    private static boolean expired(String lock, Instant now) {
        int at = lock.lastIndexOf('@');
        return at > 0 && Long.parseLong(lock, at + 1, lock.length(), 10) <= now.toEpochMilli();
    }

    /** One hash slot per event, as the live inventory's keys. */
    private static String key(long eventId, int position) {
        return "boxoffice:seed-lock:{" + eventId + "}:" + position;
    }
}
