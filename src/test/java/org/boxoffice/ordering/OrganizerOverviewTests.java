package org.boxoffice.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the organizer pages read: their own events with seat counts, the venues with their sections, sales per minute. */
class OrganizerOverviewTests extends IntegrationTest {

    @Test
    void listsAnOrganizersOwnEventsWithTheirSeatCountsToThemAndToAdminsOnly() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 6)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        List<String> seats = fixtures.seatIds(eventId);
        fixtures.buy(TestTokens.fan(), eventId, seats.subList(0, 2));
        fixtures.holdId(TestTokens.fan(), eventId, seats.subList(2, 3));

        JsonNode own = ownEvent(fixtures.organizerToken(), eventId);
        assertThat(own.path("sold").asInt()).isEqualTo(2);
        assertThat(own.path("held").asInt()).isEqualTo(1);
        assertThat(own.path("available").asInt()).isEqualTo(3);
        assertThat(own.path("waitingRoom").asBoolean()).isFalse();
        assertThat(ownEvent(TestTokens.token(TestTokens.newUserId(), List.of("ADMIN")), eventId)).isNotNull();
        assertThat(ownEvent(TestTokens.organizer(), eventId)).as("another organizer's list").isNull();
        assertThat(api.get("/api/v1/admin/events", TestTokens.fan()).status()).isEqualTo(403);
    }

    @Test
    void listsVenuesWithTheirSectionsInLayoutOrder() {
        String venueId = fixtures.venue(2, 3, 4);

        ApiClient.Response response = api.get("/api/v1/admin/venues", fixtures.organizerToken());
        assertThat(response.status()).isEqualTo(200);
        JsonNode venue = null;
        for (JsonNode item : response.json().path("items")) {
            if (item.path("id").asString().equals(venueId)) {
                venue = item;
            }
        }
        assertThat(venue).as("the new venue in the list").isNotNull();
        assertThat(venue.path("seatCount").asInt()).isEqualTo(24);
        List<String> sections = new ArrayList<>();
        venue.path("sections").forEach(s -> sections.add(s.path("name").asString() + ":" + s.path("rows").asInt() + "x"
                + s.path("seats").asInt()));
        assertThat(sections).containsExactly("A:3x12", "B:3x12");
        assertThat(api.get("/api/v1/admin/venues", TestTokens.fan()).status()).isEqualTo(403);
    }

    @Test
    void countsSeatsAndRevenueOfConfirmedOrdersPerMinuteForTheLastHour() {
        CLOCK.set(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(5));
        Instant firstMinute = CLOCK.instant().truncatedTo(ChronoUnit.MINUTES);
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        List<String> seats = fixtures.seatIds(eventId);
        fixtures.buy(TestTokens.fan(), eventId, seats.subList(0, 2));
        CLOCK.advance(Duration.ofMinutes(2));
        fixtures.buy(TestTokens.fan(), eventId, seats.subList(2, 5));
        String fan = TestTokens.fan();
        String cancelled = fixtures.buy(fan, eventId, seats.subList(5, 6)).path("orderId").asString();
        assertThat(api.post("/api/v1/orders/" + cancelled + "/cancel", fan, Map.of()).status()).isEqualTo(200);

        assertThat(perMinute(eventId)).containsExactly(
                firstMinute + " 2 100.00", firstMinute.plus(Duration.ofMinutes(2)) + " 3 150.00");

        CLOCK.advance(Duration.ofMinutes(59));
        assertThat(perMinute(eventId)).as("an hour on, the first minute is out of the chart")
                .containsExactly(firstMinute.plus(Duration.ofMinutes(2)) + " 3 150.00");
    }

    private List<String> perMinute(String eventId) {
        ApiClient.Response response = api.get("/api/v1/admin/events/" + eventId + "/sales", fixtures.organizerToken());
        assertThat(response.status()).isEqualTo(200);
        List<String> minutes = new ArrayList<>();
        response.json().path("perMinute").forEach(m -> minutes.add(m.path("minute").asString() + " " + m.path("seats").asInt()
                + " " + m.path("revenue").path("amount").asString()));
        return minutes;
    }

    private JsonNode ownEvent(String token, String eventId) {
        ApiClient.Response response = api.get("/api/v1/admin/events", token);
        assertThat(response.status()).isEqualTo(200);
        for (JsonNode item : response.json().path("items")) {
            if (item.path("id").asString().equals(eventId)) {
                return item;
            }
        }
        return null;
    }
}
