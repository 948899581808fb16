package org.boxoffice.shared;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The build's ahead-of-time code runs only as what it was made for: a distributed node with the live inventory. */
class AheadOfTimeModeTests {

    @Test
    void acceptsADistributedNodeWithTheLiveInventory() {
        assertThatCode(() -> AheadOfTimeMode.check(new MockEnvironment().withProperty("boxoffice.redis.url", "redis://r:6379")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnEmbeddedNode() {
        assertThatThrownBy(() -> AheadOfTimeMode.check(new MockEnvironment().withProperty("boxoffice.redis.url", " ")))
                .isInstanceOf(AheadOfTimeMode.Mismatch.class).hasMessageStartingWith("BOXOFFICE_REDIS_URL is not set");
    }

    @Test
    void refusesABenchmarkBaseline() {
        assertThatThrownBy(() -> AheadOfTimeMode.check(new MockEnvironment().withProperty("boxoffice.redis.url", "redis://r:6379")
                .withProperty("boxoffice.inventory.strategy", "seed-for-update")))
                .isInstanceOf(AheadOfTimeMode.Mismatch.class).hasMessageStartingWith("BOXOFFICE_INVENTORY_STRATEGY is seed-for-update");
    }
}
