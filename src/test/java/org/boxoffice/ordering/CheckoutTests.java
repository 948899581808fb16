package org.boxoffice.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;

class CheckoutTests extends IntegrationTest {

    @Test
    void buysHeldSeatsAndMarksThemSold() {
        String eventId = fixtures.event(fixtures.venue(1, 2, 10)).create();
        List<String> seats = fixtures.seatIds(eventId).subList(0, 2);
        String fan = TestTokens.fan();
        String holdId = fixtures.holdId(fan, eventId, seats);

        ApiClient.Response order = fixtures.checkout(fan, holdId, "tok_visa", "key-1");

        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(order.text("status")).isEqualTo("CONFIRMED");
        assertThat(order.json().get("tickets")).hasSize(2);
        assertThat(order.json().get("total").get("amount").asString()).isEqualTo("100.00");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD").containsEntry(seats.get(1), "SOLD");
    }
}
