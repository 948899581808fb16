package org.boxoffice.infrastructure;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The build's ahead-of-time code runs only as what it was made for: a distributed node with the live inventory. */
class AheadOfTimeModeTests {

    @Test
    void acceptsADistributedNodeWithTheLiveInventory() {
        assertThatCode(() -> AheadOfTimeMode.check(distributed())).doesNotThrowAnyException();
    }

    @Test
    void refusesAnEmbeddedNode() {
        assertThatThrownBy(() -> AheadOfTimeMode.check(distributed().withProperty("boxoffice.redis.url", " ")))
                .isInstanceOf(AheadOfTimeMode.Mismatch.class).hasMessageStartingWith("neither BOXOFFICE_REDIS_URL nor BOXOFFICE_REDIS_CLUSTER_NODES is set");
    }

    @Test
    void refusesManagementOnTheServicePort() {
        assertThatThrownBy(() -> AheadOfTimeMode.check(distributed().withProperty("management.server.port", "8080")))
                .isInstanceOf(AheadOfTimeMode.Mismatch.class).hasMessageStartingWith("the management port is not a port of its own");
    }

    @Test
    void refusesPlatformThreads() {
        assertThatThrownBy(() -> AheadOfTimeMode.check(distributed().withProperty("spring.threads.virtual.enabled", "false")))
                .isInstanceOf(AheadOfTimeMode.Mismatch.class).hasMessageStartingWith("virtual threads are off");
    }

    /** As application.yml and the environment of a distributed node make it. */
    private static MockEnvironment distributed() {
        return new MockEnvironment().withProperty("boxoffice.redis.url", "redis://r:6379").withProperty("server.port", "8080")
                .withProperty("management.server.port", "9090").withProperty("spring.threads.virtual.enabled", "true");
    }

    @Test
    void refusesABenchmarkBaseline() {
        assertThatThrownBy(() -> AheadOfTimeMode.check(distributed().withProperty("boxoffice.inventory.strategy", "seed-for-update")))
                .isInstanceOf(AheadOfTimeMode.Mismatch.class).hasMessageStartingWith("BOXOFFICE_INVENTORY_STRATEGY is seed-for-update");
    }
}
