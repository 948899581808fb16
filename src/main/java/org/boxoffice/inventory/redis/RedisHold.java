package org.boxoffice.inventory.redis;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.boxoffice.inventory.LiveHold;

/**
 * A hold as the seat scripts store it in the event's hash of holds, with one-letter names because an on-sale keeps
 * tens of thousands of them: id, user, fencing token, created / expires / latest expiry (epoch ms, as text: the
 * scripts store their arguments as given), seat positions.
 */
record RedisHold(@JsonProperty("i") String id, @JsonProperty("u") String user, @JsonProperty("f") long fence,
                 @JsonProperty("c") @JsonFormat(shape = JsonFormat.Shape.STRING) long createdAt,
                 @JsonProperty("e") @JsonFormat(shape = JsonFormat.Shape.STRING) long expiresAt,
                 @JsonProperty("m") @JsonFormat(shape = JsonFormat.Shape.STRING) long maxExpiresAt,
                 @JsonProperty("p") int[] positions) {

    static RedisHold of(LiveHold hold) {
        return new RedisHold(hold.holdId(), hold.userId(), hold.fence(), hold.createdAt().toEpochMilli(),
                hold.expiresAt().toEpochMilli(), hold.maxExpiresAt().toEpochMilli(), hold.positions());
    }

    LiveHold live(long eventId) {
        return new LiveHold(id, eventId, user, fence, positions, Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(expiresAt),
                Instant.ofEpochMilli(maxExpiresAt));
    }
}
