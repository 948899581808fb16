package org.boxoffice.inventory.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A seed baseline chosen by configuration replaces the live inventory behind the unchanged HTTP API, so the load
 * test drives it exactly as it drives the live one.
 */
@TestPropertySource(properties = "boxoffice.inventory.strategy=seed-for-update")
class SeedBaselineOverHttpTests extends IntegrationTest {
    @Autowired
    SeatInventory inventory;

    @Test
    void sellsEachSeatOnceThroughTheApiWhenSelectedByConfiguration() {
        assertThat(inventory).isInstanceOf(SeedSeatInventory.class);
        String eventId = fixtures.event(fixtures.venue(1, 2, 5)).category("Standard", "50.00", "A").create();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);

        fixtures.buy(TestTokens.fan(), eventId, seats);
        ApiClient.Response second = fixtures.hold(TestTokens.fan(), eventId, seats);

        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
        ApiClient.Response sales = api.get("/api/v1/admin/events/" + eventId + "/sales", fixtures.organizerToken());
        assertThat(sales.json().get("sold").asInt()).isEqualTo(2);
        assertThat(sales.json().get("available").asInt()).isEqualTo(8);
    }

    @Test
    void aMisspeltStrategyStopsTheStartNamingTheValidOnes() {
        assertThatThrownBy(() -> SeedLocking.of("seed-for-updates"))
                .hasMessageContaining("BOXOFFICE_INVENTORY_STRATEGY")
                .hasMessageContaining("seed-for-update, seed-optimistic, seed-set-nx");
    }
}
