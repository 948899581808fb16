package org.boxoffice.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** Builds venues, events, holds and orders through the public API, the way a client would. */
public final class Fixtures {
    private final ApiClient api;
    private final Supplier<Instant> now;
    private final String organizer = TestTokens.organizer();

    /** {@code now} is the clock of the service under test, so that events go on sale relative to it. */
    public Fixtures(ApiClient api, Supplier<Instant> now) {
        this.api = api;
        this.now = now;
    }

    public String organizerToken() {
        return organizer;
    }

    /** A venue of sections "A", "B", ... each with {@code rows} rows of {@code seatsPerRow} seats. */
    public String venue(int sections, int rows, int seatsPerRow) {
        List<Map<String, Object>> sectionList = new ArrayList<>();
        for (int s = 0; s < sections; s++) {
            List<Map<String, Object>> rowList = new ArrayList<>();
            for (int r = 1; r <= rows; r++) {
                rowList.add(Map.of("label", String.valueOf(r), "seats", seatsPerRow));
            }
            sectionList.add(Map.of("name", String.valueOf((char) ('A' + s)), "rows", rowList));
        }
        ApiClient.Response response = api.post("/api/v1/admin/venues", organizer,
                Map.of("name", "Venue " + UUID.randomUUID(), "sections", sectionList));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text("venueId");
    }

    public EventBuilder event(String venueId) {
        return new EventBuilder(venueId);
    }

    public final class EventBuilder {
        private final Map<String, Object> body = new HashMap<>();
        private final List<Map<String, Object>> categories = new ArrayList<>();

        EventBuilder(String venueId) {
            Instant now = Fixtures.this.now.get();
            body.put("venueId", venueId);
            body.put("name", "Event " + UUID.randomUUID());
            body.put("onSaleAt", now.minus(Duration.ofMinutes(1)).toString());
            body.put("startsAt", now.plus(Duration.ofDays(30)).toString());
        }

        public EventBuilder category(String name, String price, String... sections) {
            categories.add(Map.of("name", name, "price", Map.of("amount", price, "currency", "EUR"), "sections", List.of(sections)));
            return this;
        }

        public EventBuilder set(String field, Object value) {
            body.put(field, value);
            return this;
        }

        public EventBuilder onSaleAt(Instant instant) {
            return set("onSaleAt", instant.toString());
        }

        public EventBuilder startsAt(Instant instant) {
            return set("startsAt", instant.toString());
        }

        public Map<String, Object> body() {
            Map<String, Object> copy = new HashMap<>(body);
            copy.put("categories", categories.isEmpty()
                    ? List.of(Map.of("name", "Standard", "price", Map.of("amount", "50.00", "currency", "EUR"), "sections", List.of("A")))
                    : categories);
            return copy;
        }

        public String create() {
            ApiClient.Response response = api.post("/api/v1/admin/events", organizer, body());
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            return response.text("eventId");
        }
    }

    /** Seat ids of an event in venue order. */
    public List<String> seatIds(String eventId) {
        ApiClient.Response response = api.get("/api/v1/events/" + eventId + "/seats", null);
        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("seats").forEach(seat -> ids.add(seat.get("id").asString()));
        return ids;
    }

    public Map<String, String> seatStatuses(String eventId) {
        ApiClient.Response response = api.get("/api/v1/events/" + eventId + "/seats", null);
        assertThat(response.status()).isEqualTo(200);
        Map<String, String> statuses = new HashMap<>();
        response.json().get("seats").forEach(seat -> statuses.put(seat.get("id").asString(), seat.get("status").asString()));
        return statuses;
    }

    public ApiClient.Response hold(String token, String eventId, List<String> seatIds) {
        return api.post("/api/v1/events/" + eventId + "/holds", token, Map.of("seatIds", seatIds));
    }

    public String holdId(String token, String eventId, List<String> seatIds) {
        ApiClient.Response response = hold(token, eventId, seatIds);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text("holdId");
    }

    public ApiClient.Response checkout(String token, String holdId, String paymentToken, String idempotencyKey) {
        return api.post("/api/v1/orders", token,
                Map.of("holdId", holdId, "payment", Map.of("method", "card", "token", paymentToken)),
                Map.of("Idempotency-Key", idempotencyKey));
    }

    public JsonNode buy(String token, String eventId, List<String> seatIds) {
        ApiClient.Response response = checkout(token, holdId(token, eventId, seatIds), "tok_visa", UUID.randomUUID().toString());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }
}
