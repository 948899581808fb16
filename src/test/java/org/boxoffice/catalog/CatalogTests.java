package org.boxoffice.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CatalogTests extends IntegrationTest {
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private static void assertProblem(ApiClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo(type);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asString()).isNotBlank();
        assertThat(response.json().get("detail").asString()).isNotBlank();
    }

    private String organizer() {
        return fixtures.organizerToken();
    }

    private static Map<String, Object> row(String label, Object seats) {
        Map<String, Object> row = new HashMap<>();
        row.put("label", label);
        row.put("seats", seats);
        return row;
    }

    private static Map<String, Object> section(String name, List<Map<String, Object>> rows) {
        Map<String, Object> section = new HashMap<>();
        section.put("name", name);
        section.put("rows", rows);
        return section;
    }

    private static Map<String, Object> venue(String name, List<Map<String, Object>> sections) {
        Map<String, Object> venue = new HashMap<>();
        venue.put("name", name);
        venue.put("sections", sections);
        return venue;
    }

    private ApiClient.Response createVenue(Object body) {
        return api.post("/api/v1/admin/venues", organizer(), body);
    }

    private ApiClient.Response createEvent(Map<String, Object> body) {
        return api.post("/api/v1/admin/events", organizer(), body);
    }

    private static Map<String, Object> category(String name, String amount, String currency, String... sections) {
        return Map.of("name", name, "price", Map.of("amount", amount, "currency", currency), "sections", List.of(sections));
    }

    private long eventTotal() {
        ApiClient.Response response = api.get("/api/v1/events?size=1", null);
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("total").asLong();
    }

    /** Posts an invalid event and checks the 400 and that no event appeared. */
    private ApiClient.Response assertEventRejected(Map<String, Object> body, String type) {
        long before = eventTotal();
        ApiClient.Response response = createEvent(body);
        assertProblem(response, 400, type);
        assertThat(eventTotal()).isEqualTo(before);
        return response;
    }

    private JsonNode event(String eventId) {
        ApiClient.Response response = api.get("/api/v1/events/" + eventId, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode seats(String eventId, String query) {
        ApiClient.Response response = api.get("/api/v1/events/" + eventId + "/seats" + query, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private ApiClient.Response block(String eventId, List<String> seatIds) {
        return api.post("/api/v1/admin/events/" + eventId + "/seats/block", organizer(), Map.of("seatIds", seatIds));
    }

    private ApiClient.Response unblock(String eventId, List<String> seatIds) {
        return api.post("/api/v1/admin/events/" + eventId + "/seats/unblock", organizer(), Map.of("seatIds", seatIds));
    }

    private JsonNode sales(String eventId) {
        ApiClient.Response response = api.get("/api/v1/admin/events/" + eventId + "/sales", organizer());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    // --- venues ---

    @Test
    void createsVenueAndCountsItsSeats() {
        ApiClient.Response response = createVenue(venue("Arena " + UUID.randomUUID(), List.of(
                section("A", List.of(row("1", 10), row("2", 12))),
                section("B", List.of(row("1", 5))))));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.text("venueId")).isNotBlank();
        assertThat(response.json().get("seatCount").asInt()).isEqualTo(27);
    }

    @Test
    void numbersSeatsOneToNInEveryRowOfTheVenue() {
        String venueId = createVenue(venue("Club " + UUID.randomUUID(), List.of(
                section("Stalls", List.of(row("A", 3), row("B", 2)))))).text("venueId");
        String eventId = fixtures.event(venueId).category("Standard", "20.00", "Stalls").create();

        JsonNode seats = seats(eventId, "").get("seats");

        assertThat(seats).hasSize(5);
        List<String> labels = new ArrayList<>();
        seats.forEach(seat -> labels.add(seat.get("row").asString() + seat.get("number").asInt()));
        assertThat(labels).containsExactly("A1", "A2", "A3", "B1", "B2");
    }

    @Test
    void rejectsVenueWithoutSections() {
        assertProblem(createVenue(venue("Empty", List.of())), 400, "invalid-request");
    }

    @Test
    void rejectsVenueWithNullSections() {
        assertProblem(createVenue(Map.of("name", "No sections")), 400, "invalid-request");
    }

    @Test
    void rejectsVenueWithDuplicateSectionNames() {
        assertProblem(createVenue(venue("Dup", List.of(
                section("A", List.of(row("1", 2))), section("A", List.of(row("1", 2)))))), 400, "invalid-request");
    }

    @Test
    void rejectsVenueWithRowOfZeroSeats() {
        assertProblem(createVenue(venue("Zero", List.of(section("A", List.of(row("1", 0)))))), 400, "invalid-request");
    }

    @Test
    void rejectsVenueWithNegativeSeats() {
        assertProblem(createVenue(venue("Negative", List.of(section("A", List.of(row("1", -3)))))), 400, "invalid-request");
    }

    @Test
    void rejectsVenueWithDuplicateRowLabels() {
        assertProblem(createVenue(venue("Rows", List.of(section("A", List.of(row("1", 2), row("1", 3)))))), 400,
                "invalid-request");
    }

    @Test
    void rejectsVenueWithSectionWithoutRows() {
        assertProblem(createVenue(venue("No rows", List.of(section("A", List.of())))), 400, "invalid-request");
    }

    @Test
    void rejectsVenueWithoutName() {
        Map<String, Object> body = venue(null, List.of(section("A", List.of(row("1", 2)))));
        assertProblem(createVenue(body), 400, "invalid-request");
    }

    @Test
    void rejectsVenueWithBlankName() {
        assertProblem(createVenue(venue("  ", List.of(section("A", List.of(row("1", 2)))))), 400, "invalid-request");
    }

    @Test
    void rejectsVenueWithTooManySeatsPerRow() {
        assertProblem(createVenue(venue("Long row", List.of(section("A", List.of(row("1", 1001)))))), 400, "invalid-request");
    }

    @Test
    void rejectsVenueWithNonNumericSeatCount() {
        ApiClient.Response response = createVenue(venue("Text", List.of(section("A", List.of(row("1", "many"))))));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void forbidsVenueCreationForFan() {
        ApiClient.Response response = api.post("/api/v1/admin/venues", TestTokens.fan(),
                venue("Fan venue", List.of(section("A", List.of(row("1", 2))))));
        assertProblem(response, 403, "forbidden");
    }

    // --- events: creation and detail ---

    @Test
    void anEventBeforeItsOnSaleIsReadFromTheDatabaseOnce() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).onSaleAt(CLOCK.instant().plus(Duration.ofDays(1))).create();
        assertThat(api.get("/api/v1/events/" + eventId, null).text("status")).isEqualTo("SCHEDULED");

        jdbc.sql("ALTER TABLE events RENAME TO events_away").update();
        ApiClient.Response again;
        try {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'events'")
                    .query(Long.class).single()).as("the events table is gone").isZero();
            again = api.get("/api/v1/events/" + eventId, null);
        } finally {
            jdbc.sql("ALTER TABLE events_away RENAME TO events").update();
        }

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.text("name")).isEqualTo(api.get("/api/v1/events/" + eventId, null).text("name"));
    }

    @Test
    void createsEventAndShowsItsDetails() {
        String venueName = "Detail Hall " + UUID.randomUUID();
        String venueId = createVenue(venue(venueName, List.of(
                section("A", List.of(row("1", 4))), section("B", List.of(row("1", 4)))))).text("venueId");
        Instant now = CLOCK.instant();
        Instant onSale = now.minus(Duration.ofMinutes(5));
        Instant starts = now.plus(Duration.ofDays(10));
        Map<String, Object> body = new HashMap<>();
        body.put("venueId", venueId);
        body.put("name", "Concert");
        body.put("description", "A night to remember");
        body.put("startsAt", starts.toString());
        body.put("onSaleAt", onSale.toString());
        body.put("categories", List.of(category("Front", "50", "EUR", "A"), category("Back", "25.5", "EUR", "B")));

        ApiClient.Response created = createEvent(body);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String eventId = created.text("eventId");
        assertThat(eventId).isNotBlank();

        JsonNode event = event(eventId);
        assertThat(event.get("id").asString()).isEqualTo(eventId);
        assertThat(event.get("name").asString()).isEqualTo("Concert");
        assertThat(event.get("description").asString()).isEqualTo("A night to remember");
        assertThat(event.get("venue").get("id").asString()).isEqualTo(venueId);
        assertThat(event.get("venue").get("name").asString()).isEqualTo(venueName);
        assertThat(Instant.parse(event.get("startsAt").asString())).isEqualTo(starts);
        assertThat(Instant.parse(event.get("onSaleAt").asString())).isEqualTo(onSale);
        assertThat(event.get("startsAt").asString()).endsWith("Z");
        assertThat(event.get("status").asString()).isEqualTo("ON_SALE");
        JsonNode categories = event.get("categories");
        assertThat(categories).hasSize(2);
        assertThat(categories.get(0).get("id").asString()).isNotBlank();
        assertThat(categories.get(0).get("name").asString()).isEqualTo("Front");
        assertThat(categories.get(0).get("price").get("amount").isString()).isTrue();
        assertThat(categories.get(0).get("price").get("amount").asString()).isEqualTo("50.00");
        assertThat(categories.get(0).get("price").get("currency").asString()).isEqualTo("EUR");
        assertThat(categories.get(1).get("name").asString()).isEqualTo("Back");
        assertThat(categories.get(1).get("price").get("amount").asString()).isEqualTo("25.50");
        assertThat(categories.get(0).get("id").asString()).isNotEqualTo(categories.get(1).get("id").asString());
        assertThat(event.get("limits").get("maxSeatsPerOrder").asInt()).isEqualTo(8);
        assertThat(event.get("limits").get("holdSeconds").asInt()).isEqualTo(600);
        assertThat(event.get("waitingRoom").get("enabled").asBoolean()).isFalse();
    }

    @Test
    void seatsCarryTheirSectionsCategory() {
        String venueId = fixtures.venue(2, 1, 2);
        String eventId = fixtures.event(venueId).category("Front", "80.00", "A").category("Back", "40.00", "B").create();
        JsonNode categories = event(eventId).get("categories");
        String front = categories.get(0).get("id").asString();
        String back = categories.get(1).get("id").asString();

        JsonNode seats = seats(eventId, "").get("seats");

        assertThat(seats).hasSize(4);
        seats.forEach(seat -> assertThat(seat.get("categoryId").asString())
                .isEqualTo(seat.get("section").asString().equals("A") ? front : back));
    }

    @Test
    void honoursCustomLimits() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 5)).set("maxSeatsPerOrder", 3).set("holdSeconds", 120).create();

        JsonNode limits = event(eventId).get("limits");

        assertThat(limits.get("maxSeatsPerOrder").asInt()).isEqualTo(3);
        assertThat(limits.get("holdSeconds").asInt()).isEqualTo(120);
    }

    @Test
    void customMaxSeatsPerOrderIsEnforcedOnHolds() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 5)).set("maxSeatsPerOrder", 2).create();
        List<String> seats = fixtures.seatIds(eventId);

        ApiClient.Response response = fixtures.hold(TestTokens.fan(), eventId, seats.subList(0, 3));

        assertProblem(response, 422, "limit-exceeded");
    }

    @Test
    void customHoldSecondsSetsHoldExpiry() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 5)).set("holdSeconds", 90).create();
        Instant before = CLOCK.instant();

        ApiClient.Response hold = fixtures.hold(TestTokens.fan(), eventId, fixtures.seatIds(eventId).subList(0, 1));

        assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
        assertThat(Instant.parse(hold.text("expiresAt"))).isEqualTo(before.plusSeconds(90));
    }

    @Test
    void rejectsEventForUnknownVenue() {
        Map<String, Object> body = fixtures.event("999999999").body();
        assertEventRejected(body, "unknown-venue");
    }

    @Test
    void rejectsEventForNonNumericVenueId() {
        Map<String, Object> body = fixtures.event("not-a-venue").body();
        assertEventRejected(body, "unknown-venue");
    }

    @Test
    void rejectsEventWithoutVenueId() {
        Map<String, Object> body = fixtures.event("1").body();
        body.remove("venueId");
        long before = eventTotal();
        ApiClient.Response response = createEvent(body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(eventTotal()).isEqualTo(before);
    }

    @Test
    void rejectsEventWhoseSaleOpensAfterItStarts() {
        Instant now = CLOCK.instant();
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2))
                .onSaleAt(now.plus(Duration.ofDays(3))).startsAt(now.plus(Duration.ofDays(2))).body();
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWhoseSaleOpensWhenItStarts() {
        Instant at = CLOCK.instant().plus(Duration.ofDays(2));
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).onSaleAt(at).startsAt(at).body();
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWithSectionNotInVenue() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).category("Standard", "10.00", "Z").body();
        ApiClient.Response response = assertEventRejected(body, "invalid-request");
        assertThat(response.text("detail")).contains("Z");
    }

    @Test
    void rejectsEventWithSectionInTwoCategories() {
        Map<String, Object> body = fixtures.event(fixtures.venue(2, 1, 2))
                .category("One", "10.00", "A").category("Two", "20.00", "A", "B").body();
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWithNegativePrice() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).category("Standard", "-5.00", "A").body();
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWithPriceOfMoreThanTwoDecimals() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).category("Standard", "10.005", "A").body();
        long before = eventTotal();
        ApiClient.Response response = createEvent(body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(eventTotal()).isEqualTo(before);
    }

    @Test
    void rejectsEventWithMixedCurrencies() {
        Map<String, Object> body = fixtures.event(fixtures.venue(2, 1, 2)).body();
        body.put("categories", List.of(category("One", "10.00", "EUR", "A"), category("Two", "10.00", "USD", "B")));
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWithInvalidCurrency() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).body();
        body.put("categories", List.of(category("One", "10.00", "euro", "A")));
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWithoutCategories() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).body();
        body.put("categories", List.of());
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWithDuplicateCategoryNames() {
        Map<String, Object> body = fixtures.event(fixtures.venue(2, 1, 2))
                .category("Same", "10.00", "A").category("Same", "20.00", "B").body();
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWithZeroMaxSeatsPerOrder() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).set("maxSeatsPerOrder", 0).body();
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWithZeroHoldSeconds() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).set("holdSeconds", 0).body();
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWithoutName() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).body();
        body.remove("name");
        long before = eventTotal();
        ApiClient.Response response = createEvent(body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(eventTotal()).isEqualTo(before);
    }

    @Test
    void rejectsEventWithUnparseableStartTime() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).set("startsAt", "next tuesday").body();
        long before = eventTotal();
        ApiClient.Response response = createEvent(body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(eventTotal()).isEqualTo(before);
    }

    @Test
    void forbidsEventCreationForFan() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).body();
        long before = eventTotal();
        assertProblem(api.post("/api/v1/admin/events", TestTokens.fan(), body), 403, "forbidden");
        assertThat(eventTotal()).isEqualTo(before);
    }

    // --- event status ---

    @Test
    void eventIsScheduledBeforeItsSaleOpens() {
        Instant now = CLOCK.instant();
        String eventId = fixtures.event(fixtures.venue(1, 1, 2))
                .onSaleAt(now.plus(Duration.ofDays(1))).startsAt(now.plus(Duration.ofDays(2))).create();

        assertThat(event(eventId).get("status").asString()).isEqualTo("SCHEDULED");
        assertProblem(fixtures.hold(TestTokens.fan(), eventId, fixtures.seatIds(eventId).subList(0, 1)), 409, "not-on-sale");
    }

    @Test
    void eventIsClosedOnceItHasStarted() {
        Instant now = CLOCK.instant();
        String eventId = fixtures.event(fixtures.venue(1, 1, 2))
                .onSaleAt(now.minus(Duration.ofDays(2))).startsAt(now.minus(Duration.ofHours(1))).create();

        assertThat(event(eventId).get("status").asString()).isEqualTo("CLOSED");
        assertProblem(fixtures.hold(TestTokens.fan(), eventId, fixtures.seatIds(eventId).subList(0, 1)), 409, "not-on-sale");
    }

    @Test
    void eventIsClosedAtTheInstantItStarts() {
        Instant now = CLOCK.instant();
        String eventId = fixtures.event(fixtures.venue(1, 1, 2)).onSaleAt(now.minus(Duration.ofDays(1))).startsAt(now).create();

        assertThat(event(eventId).get("status").asString()).isEqualTo("CLOSED");
    }

    @Test
    void eventIsOnSaleFromTheInstantItsSaleOpens() {
        Instant now = CLOCK.instant();
        String eventId = fixtures.event(fixtures.venue(1, 1, 2)).onSaleAt(now).startsAt(now.plus(Duration.ofDays(1))).create();

        assertThat(event(eventId).get("status").asString()).isEqualTo("ON_SALE");
    }

    @Test
    void eventIsSoldOutWhenEverySeatIsSold() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 2)).create();
        List<String> seats = fixtures.seatIds(eventId);
        assertThat(event(eventId).get("status").asString()).isEqualTo("ON_SALE");

        fixtures.buy(TestTokens.fan(), eventId, seats);

        assertThat(event(eventId).get("status").asString()).isEqualTo("SOLD_OUT");
        assertThat(summaryOf(eventId).get("status").asString()).isEqualTo("SOLD_OUT");
    }

    @Test
    void eventStatusFollowsEverySaleAndCancellationAtOnce() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 2)).create();
        List<String> seats = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();
        assertThat(event(eventId).get("status").asString()).isEqualTo("ON_SALE");

        fixtures.buy(fan, eventId, seats.subList(0, 1));
        assertThat(event(eventId).get("status").asString()).isEqualTo("ON_SALE");
        String last = fixtures.buy(fan, eventId, seats.subList(1, 2)).get("orderId").asString();
        assertThat(event(eventId).get("status").asString()).as("the request right after the last sale").isEqualTo("SOLD_OUT");

        assertThat(api.post("/api/v1/orders/" + last + "/cancel", fan, Map.of()).status()).isEqualTo(200);
        assertThat(event(eventId).get("status").asString()).as("the request right after a cancellation").isEqualTo("ON_SALE");
        assertThat(summaryOf(eventId).get("status").asString()).isEqualTo("ON_SALE");
    }

    @Test
    void eventIsNotSoldOutWhileASeatIsOnlyHeld() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 2)).create();
        List<String> seats = fixtures.seatIds(eventId);
        fixtures.buy(TestTokens.fan(), eventId, seats.subList(0, 1));
        fixtures.holdId(TestTokens.fan(), eventId, seats.subList(1, 2));

        assertThat(event(eventId).get("status").asString()).isEqualTo("ON_SALE");
    }

    // --- list ---

    private JsonNode summaryOf(String eventId) {
        for (int page = 0; ; page++) {
            ApiClient.Response response = api.get("/api/v1/events?size=100&page=" + page, null);
            assertThat(response.status()).isEqualTo(200);
            for (JsonNode item : response.json().get("items")) {
                if (item.get("id").asString().equals(eventId)) {
                    return item;
                }
            }
            if (response.json().get("items").isEmpty()) {
                throw new AssertionError("event " + eventId + " not in the list");
            }
        }
    }

    @Test
    void listsEventsWithSummaries() {
        String venueId = fixtures.venue(2, 1, 2);
        Instant now = CLOCK.instant();
        Instant starts = now.plus(Duration.ofDays(20));
        String eventId = fixtures.event(venueId).set("name", "Listed show").startsAt(starts)
                .category("Cheap", "15.00", "B").category("Dear", "95.50", "A").create();

        JsonNode item = summaryOf(eventId);

        assertThat(item.get("name").asString()).isEqualTo("Listed show");
        assertThat(item.get("venue").get("id").asString()).isEqualTo(venueId);
        assertThat(item.get("venue").get("name").asString()).startsWith("Venue ");
        assertThat(Instant.parse(item.get("startsAt").asString())).isEqualTo(starts);
        assertThat(item.get("onSaleAt").asString()).isNotBlank();
        assertThat(item.get("status").asString()).isEqualTo("ON_SALE");
        assertThat(item.get("priceRange").get("min").get("amount").asString()).isEqualTo("15.00");
        assertThat(item.get("priceRange").get("min").get("currency").asString()).isEqualTo("EUR");
        assertThat(item.get("priceRange").get("max").get("amount").asString()).isEqualTo("95.50");
        assertThat(item.get("priceRange").get("max").get("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void paginatesEventList() {
        String venueId = fixtures.venue(1, 1, 2);
        for (int i = 0; i < 3; i++) {
            fixtures.event(venueId).create();
        }
        ApiClient.Response all = api.get("/api/v1/events?size=100", null);
        assertThat(all.status()).isEqualTo(200);
        long total = all.json().get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(3);

        ApiClient.Response first = api.get("/api/v1/events?page=0&size=2", null);
        ApiClient.Response second = api.get("/api/v1/events?page=1&size=2", null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("page").asInt()).isEqualTo(0);
        assertThat(first.json().get("size").asInt()).isEqualTo(2);
        assertThat(first.json().get("total").asLong()).isEqualTo(total);
        assertThat(first.json().get("items")).hasSize(2);
        assertThat(second.json().get("page").asInt()).isEqualTo(1);
        assertThat(second.json().get("items")).hasSizeGreaterThanOrEqualTo(1);
        List<String> firstIds = ids(first.json().get("items"));
        List<String> secondIds = ids(second.json().get("items"));
        assertThat(firstIds).doesNotContainAnyElementsOf(secondIds);
        if (total <= 100) {
            List<String> allIds = ids(all.json().get("items"));
            assertThat(allIds).hasSize((int) total);
            assertThat(allIds.subList(0, 2)).isEqualTo(firstIds);
            assertThat(allIds.subList(2, 2 + secondIds.size())).isEqualTo(secondIds);
        }
        long lastPage = (total - 1) / 2;
        ApiClient.Response beyond = api.get("/api/v1/events?page=" + (lastPage + 1) + "&size=2", null);
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.json().get("items")).isEmpty();
        assertThat(beyond.json().get("total").asLong()).isEqualTo(total);
    }

    @Test
    void usesDefaultPaging() {
        ApiClient.Response response = api.get("/api/v1/events", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().get("page").asInt()).isEqualTo(0);
        assertThat(response.json().get("size").asInt()).isPositive();
        assertThat(response.json().get("items").isArray()).isTrue();
        assertThat(response.json().get("items").size()).isLessThanOrEqualTo(response.json().get("size").asInt());
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.isString() ? item.asString() : item.get("id").asString()));
        return ids;
    }

    @Test
    void rejectsPageSizeZero() {
        assertProblem(api.get("/api/v1/events?size=0", null), 400, "invalid-request");
    }

    @Test
    void rejectsHugePageSize() {
        assertProblem(api.get("/api/v1/events?size=1000", null), 400, "invalid-request");
    }

    @Test
    void rejectsNegativePage() {
        assertProblem(api.get("/api/v1/events?page=-1", null), 400, "invalid-request");
    }

    @Test
    void rejectsNonNumericPage() {
        assertProblem(api.get("/api/v1/events?page=first", null), 400, "invalid-request");
    }

    // --- not found ---

    @Test
    void answersNotFoundForUnknownEvent() {
        assertProblem(api.get("/api/v1/events/999999999", null), 404, "not-found");
    }

    @Test
    void answersNotFoundForNonNumericEventId() {
        assertProblem(api.get("/api/v1/events/abc", null), 404, "not-found");
    }

    @Test
    void answersNotFoundForSeatsOfUnknownEvent() {
        assertProblem(api.get("/api/v1/events/999999999/seats", null), 404, "not-found");
    }

    @Test
    void answersNotFoundForSeatsOfNonNumericEventId() {
        assertProblem(api.get("/api/v1/events/abc/seats", null), 404, "not-found");
    }

    @Test
    void answersNotFoundForHugeEventId() {
        assertProblem(api.get("/api/v1/events/99999999999999999999999", null), 404, "not-found");
    }

    // --- seats ---

    @Test
    void showsSeatMapWithEverySeat() {
        String eventId = fixtures.event(fixtures.venue(2, 2, 3)).category("Front", "30.00", "A").category("Back", "20.00", "B")
                .create();

        JsonNode map = seats(eventId, "");

        assertThat(map.get("eventId").asString()).isEqualTo(eventId);
        assertThat(map.get("seq").isNumber()).isTrue();
        JsonNode seats = map.get("seats");
        assertThat(seats).hasSize(12);
        JsonNode first = seats.get(0);
        assertThat(first.get("id").asString()).isNotBlank();
        assertThat(first.get("section").asString()).isEqualTo("A");
        assertThat(first.get("row").asString()).isEqualTo("1");
        assertThat(first.get("number").asInt()).isEqualTo(1);
        assertThat(first.get("label").asString()).isNotBlank();
        assertThat(first.get("x").isNumber()).isTrue();
        assertThat(first.get("y").isNumber()).isTrue();
        assertThat(first.get("categoryId").asString()).isNotBlank();
        assertThat(first.get("status").asString()).isEqualTo("AVAILABLE");
        List<String> ids = ids(seats);
        assertThat(ids).doesNotHaveDuplicates();
        List<String> positions = new ArrayList<>();
        seats.forEach(seat -> positions.add(seat.get("x").asInt() + "," + seat.get("y").asInt()));
        assertThat(positions).as("every seat has its own place on the map").doesNotHaveDuplicates();
    }

    @Test
    void seqGrowsWhenASeatChanges() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        long before = seats(eventId, "").get("seq").asLong();

        fixtures.holdId(TestTokens.fan(), eventId, fixtures.seatIds(eventId).subList(0, 1));

        assertThat(seats(eventId, "").get("seq").asLong()).isGreaterThan(before);
    }

    @Test
    void filtersSeatsByStatus() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 5)).create();
        List<String> seats = fixtures.seatIds(eventId);
        fixtures.holdId(TestTokens.fan(), eventId, seats.subList(0, 2));

        JsonNode available = seats(eventId, "?status=AVAILABLE").get("seats");
        JsonNode held = seats(eventId, "?status=HELD").get("seats");

        assertThat(ids(available)).containsExactlyElementsOf(seats.subList(2, 5));
        available.forEach(seat -> assertThat(seat.get("status").asString()).isEqualTo("AVAILABLE"));
        assertThat(ids(held)).containsExactlyElementsOf(seats.subList(0, 2));
        assertThat(seats(eventId, "?status=SOLD").get("seats")).isEmpty();
    }

    @Test
    void rejectsUnknownSeatStatusFilter() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 2)).create();

        assertProblem(api.get("/api/v1/events/" + eventId + "/seats?status=bogus", null), 400, "invalid-request");
    }

    // --- blocking ---

    @Test
    void blocksAndUnblocksSeats() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId);
        List<String> blocked = seats.subList(0, 2);
        long seqBefore = seats(eventId, "").get("seq").asLong();

        ApiClient.Response response = block(eventId, blocked);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "BLOCKED").containsEntry(seats.get(1), "BLOCKED")
                .containsEntry(seats.get(2), "AVAILABLE").containsEntry(seats.get(3), "AVAILABLE");
        assertThat(ids(seats(eventId, "?status=BLOCKED").get("seats"))).containsExactlyElementsOf(blocked);
        assertThat(seats(eventId, "").get("seq").asLong()).isGreaterThan(seqBefore);

        ApiClient.Response hold = fixtures.hold(TestTokens.fan(), eventId, List.of(seats.get(0), seats.get(2)));
        assertProblem(hold, 409, "seats-unavailable");
        assertThat(ids(hold.json().get("unavailableSeatIds"))).containsExactly(seats.get(0));
        // all-or-nothing: the available seat of the refused hold stays available
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(2), "AVAILABLE");

        ApiClient.Response unblocked = unblock(eventId, blocked);

        assertThat(unblocked.status()).as(unblocked.toString()).isEqualTo(200);
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
        assertThat(fixtures.hold(TestTokens.fan(), eventId, blocked).status()).isEqualTo(201);
    }

    @Test
    void refusesToBlockHeldSeat() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId);
        fixtures.holdId(TestTokens.fan(), eventId, seats.subList(0, 1));

        ApiClient.Response response = block(eventId, List.of(seats.get(0), seats.get(1)));

        assertProblem(response, 409, "seats-unavailable");
        assertThat(ids(response.json().get("unavailableSeatIds"))).containsExactly(seats.get(0));
        // nothing was blocked, not even the free seat
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "HELD").containsEntry(seats.get(1), "AVAILABLE");
    }

    @Test
    void refusesToBlockSoldSeat() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId);
        fixtures.buy(TestTokens.fan(), eventId, seats.subList(0, 1));

        assertProblem(block(eventId, seats.subList(0, 1)), 409, "seats-unavailable");
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD");
    }

    @Test
    void unblockLeavesSoldSeatsSold() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId);
        fixtures.buy(TestTokens.fan(), eventId, seats.subList(0, 1));

        ApiClient.Response response = unblock(eventId, seats.subList(0, 1));

        assertThat(response.status()).isEqualTo(200);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seats.get(0), "SOLD");
    }

    @Test
    void rejectsBlockingUnknownSeats() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId);

        ApiClient.Response response = block(eventId, List.of(seats.get(0), "999999999"));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    @Test
    void rejectsBlockWithoutSeatIds() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();

        ApiClient.Response response = api.post("/api/v1/admin/events/" + eventId + "/seats/block", organizer(), Map.of());

        assertProblem(response, 400, "invalid-request");
    }

    @Test
    void forbidsBlockingForFan() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        List<String> seats = fixtures.seatIds(eventId);

        ApiClient.Response response = api.post("/api/v1/admin/events/" + eventId + "/seats/block", TestTokens.fan(),
                Map.of("seatIds", seats.subList(0, 1)));

        assertProblem(response, 403, "forbidden");
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    @Test
    void answersNotFoundWhenBlockingSeatsOfUnknownEvent() {
        assertProblem(block("999999999", List.of("1")), 404, "not-found");
    }

    // --- sales ---

    @Test
    void reportsSalesCountsAndRevenue() {
        String eventId = fixtures.event(fixtures.venue(1, 2, 5)).create();
        List<String> seats = fixtures.seatIds(eventId);
        JsonNode empty = sales(eventId);
        assertThat(empty.get("available").asInt()).isEqualTo(10);
        assertThat(empty.get("held").asInt()).isZero();
        assertThat(empty.get("sold").asInt()).isZero();
        assertThat(empty.get("blocked").asInt()).isZero();
        assertThat(empty.get("revenue").get("amount").asString()).isEqualTo("0.00");
        assertThat(empty.get("revenue").get("currency").asString()).isEqualTo("EUR");

        fixtures.buy(TestTokens.fan(), eventId, seats.subList(0, 2));
        fixtures.holdId(TestTokens.fan(), eventId, seats.subList(2, 3));
        assertThat(block(eventId, seats.subList(3, 4)).status()).isEqualTo(200);

        JsonNode sales = sales(eventId);
        assertThat(sales.get("available").asInt()).isEqualTo(6);
        assertThat(sales.get("held").asInt()).isEqualTo(1);
        assertThat(sales.get("sold").asInt()).isEqualTo(2);
        assertThat(sales.get("blocked").asInt()).isEqualTo(1);
        assertThat(sales.get("revenue").get("amount").isString()).isTrue();
        assertThat(sales.get("revenue").get("amount").asString()).isEqualTo("100.00");
        assertThat(sales.get("revenue").get("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void salesRevenueDropsWhenAnOrderIsCancelled() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 5)).create();
        List<String> seats = fixtures.seatIds(eventId);
        String fan = TestTokens.fan();
        String orderId = fixtures.buy(fan, eventId, seats.subList(0, 2)).get("orderId").asString();
        fixtures.buy(TestTokens.fan(), eventId, seats.subList(2, 3));

        ApiClient.Response cancel = api.post("/api/v1/orders/" + orderId + "/cancel", fan, null);

        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        JsonNode sales = sales(eventId);
        assertThat(sales.get("sold").asInt()).isEqualTo(1);
        assertThat(sales.get("available").asInt()).isEqualTo(4);
        assertThat(sales.get("revenue").get("amount").asString()).isEqualTo("50.00");
    }

    @Test
    void forbidsSalesForFan() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 2)).create();

        assertProblem(api.get("/api/v1/admin/events/" + eventId + "/sales", TestTokens.fan()), 403, "forbidden");
    }

    @Test
    void requiresTokenForSales() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 2)).create();

        assertProblem(api.get("/api/v1/admin/events/" + eventId + "/sales", null), 401, "unauthorized");
    }

    @Test
    void answersNotFoundForSalesOfUnknownEvent() {
        assertProblem(api.get("/api/v1/admin/events/999999999/sales", organizer()), 404, "not-found");
        assertProblem(api.get("/api/v1/admin/events/xyz/sales", organizer()), 404, "not-found");
    }

    // --- seats outside every category ---

    @Test
    void seatsOutsideEveryCategoryAreNotForSale() {
        String eventId = fixtures.event(fixtures.venue(2, 1, 2)).category("Only A", "30.00", "A").create();
        JsonNode seats = seats(eventId, "").get("seats");
        List<String> sectionB = new ArrayList<>();
        seats.forEach(seat -> {
            if (seat.get("section").asString().equals("B")) {
                sectionB.add(seat.get("id").asString());
                assertThat(seat.get("categoryId").isNull()).as(seat.toString()).isTrue();
                assertThat(seat.get("status").asString()).isEqualTo("BLOCKED");
            }
        });
        assertThat(sectionB).hasSize(2);

        assertProblem(fixtures.hold(TestTokens.fan(), eventId, sectionB.subList(0, 1)), 409, "seats-unavailable");
        assertThat(unblock(eventId, sectionB).status()).isEqualTo(200);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(sectionB.get(0), "BLOCKED").containsEntry(sectionB.get(1), "BLOCKED");
    }

    @Test
    void eventIsSoldOutWhenEverySeatForSaleIsSold() {
        String eventId = fixtures.event(fixtures.venue(2, 1, 1)).category("Only A", "30.00", "A").create();
        List<String> forSale = ids(seats(eventId, "?status=AVAILABLE").get("seats"));
        assertThat(forSale).hasSize(1);

        fixtures.buy(TestTokens.fan(), eventId, forSale);

        assertThat(event(eventId).get("status").asString()).isEqualTo("SOLD_OUT");
    }

    @Test
    void rejectsEventWithPriceWithoutAmount() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).body();
        body.put("categories", List.of(Map.of("name", "X", "price", Map.of("currency", "EUR"), "sections", List.of("A"))));
        long before = eventTotal();
        ApiClient.Response response = createEvent(body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(eventTotal()).isEqualTo(before);
    }

    @Test
    void rejectsEventWithoutPrice() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).body();
        body.put("categories", List.of(Map.of("name", "X", "sections", List.of("A"))));
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWithNullCategory() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).body();
        List<Object> categories = new ArrayList<>();
        categories.add(null);
        body.put("categories", categories);
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void rejectsEventWithOverlongDescription() {
        Map<String, Object> body = fixtures.event(fixtures.venue(1, 1, 2)).set("description", "d".repeat(4001)).body();
        assertEventRejected(body, "invalid-request");
    }

    @Test
    void hidesAnEventsSalesAndSeatBlockingFromOtherOrganizers() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        String seat = fixtures.seatIds(eventId).getFirst();
        String otherOrganizer = TestTokens.organizer();
        String admin = TestTokens.token(TestTokens.newUserId(), List.of("ADMIN"));

        assertThat(api.get("/api/v1/admin/events/" + eventId + "/sales", otherOrganizer).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/admin/events/" + eventId + "/seats/block", otherOrganizer,
                Map.of("seatIds", List.of(seat))).status()).isEqualTo(404);
        assertThat(fixtures.seatStatuses(eventId)).containsEntry(seat, "AVAILABLE");
        assertThat(api.get("/api/v1/admin/events/" + eventId + "/sales", admin).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/admin/events/" + eventId + "/sales", fixtures.organizerToken()).status()).isEqualTo(200);
    }
}
