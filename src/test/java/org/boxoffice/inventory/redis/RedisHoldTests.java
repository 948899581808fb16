package org.boxoffice.inventory.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.boxoffice.inventory.LiveHold;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The stored hold keeps the format the seat scripts write and read (place.lua, load.lua, extend.lua, prelude.lua). */
class RedisHoldTests {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsAHoldAsThePlaceScriptStoresIt() {
        String stored = "{\"i\":\"h-1\",\"u\":\"fan\",\"f\":7,\"c\":\"1000\",\"e\":\"601000\",\"m\":\"1201000\",\"p\":[4,5]}";

        LiveHold hold = json.readValue(stored, RedisHold.class).live(42);

        assertThat(hold.holdId()).isEqualTo("h-1");
        assertThat(hold.eventId()).isEqualTo(42);
        assertThat(hold.userId()).isEqualTo("fan");
        assertThat(hold.fence()).isEqualTo(7);
        assertThat(hold.positions()).containsExactly(4, 5);
        assertThat(hold.createdAt()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(hold.expiresAt()).isEqualTo(Instant.ofEpochMilli(601_000));
        assertThat(hold.maxExpiresAt()).isEqualTo(Instant.ofEpochMilli(1_201_000));
    }

    @Test
    void writesTheTimesAsTextLikeTheScriptsDo() {
        LiveHold hold = new LiveHold("h-2", 42, "fan", 9, new int[] {1}, Instant.ofEpochMilli(5), Instant.ofEpochMilli(6),
                Instant.ofEpochMilli(7));

        String written = json.writeValueAsString(RedisHold.of(hold));

        assertThat(written).contains("\"i\":\"h-2\"", "\"u\":\"fan\"", "\"f\":9", "\"c\":\"5\"", "\"e\":\"6\"", "\"m\":\"7\"",
                "\"p\":[1]");
    }
}
