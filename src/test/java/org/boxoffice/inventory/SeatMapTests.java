package org.boxoffice.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The seat map as a shared, versioned document: the same JSON as ever, an ETag per version, gzip when asked. */
class SeatMapTests extends IntegrationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String eventId, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events/" + eventId + "/seats"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void writesEverySeatWithItsLayoutAndStatusInTheContractShape() {
        String eventId = fixtures.event(fixtures.venue(2, 1, 2)).category("Front", "80.00", "A").create();
        String holdId = fixtures.holdId(TestTokens.fan(), eventId, fixtures.seatIds(eventId).subList(0, 1));

        ApiClient.Response response = api.get("/api/v1/events/" + eventId + "/seats", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode map = response.json();
        assertThat(map.get("eventId").asString()).isEqualTo(eventId);
        assertThat(map.get("seq").isNumber()).isTrue();
        assertThat(map.get("seats")).hasSize(4);
        JsonNode first = map.get("seats").get(0);
        assertThat(first.propertyNames()).containsExactly("id", "section", "row", "number", "label", "x", "y", "categoryId", "status");
        assertThat(first.get("section").asString()).isEqualTo("A");
        assertThat(first.get("label").asString()).isEqualTo("A Row 1 Seat 1");
        assertThat(first.get("status").asString()).isEqualTo("HELD");
        assertThat(first.get("categoryId").isString()).isTrue();
        JsonNode unsold = map.get("seats").get(2);
        assertThat(unsold.get("section").asString()).isEqualTo("B");
        assertThat(unsold.get("categoryId").isNull()).as("section B is in no category").isTrue();
        assertThat(unsold.get("status").asString()).isEqualTo("BLOCKED");
        assertThat(holdId).isNotBlank();
    }

    @Test
    void answersNotModifiedForTheCurrentVersionAndTheNewMapOnceASeatChanged() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        HttpResponse<byte[]> first = get(eventId);
        String etag = first.headers().firstValue("etag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + JSON.readTree(first.body()).get("seq").asLong() + "\"");

        assertThat(get(eventId, "If-None-Match", etag).statusCode()).isEqualTo(304);

        fixtures.holdId(TestTokens.fan(), eventId, fixtures.seatIds(eventId).subList(0, 1));
        HttpResponse<byte[]> changed = get(eventId, "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("etag").orElseThrow()).isNotEqualTo(etag);
        assertThat(new String(changed.body())).contains("HELD");
    }

    @Test
    void sendsTheSameMapGzipEncodedWhenAsked() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 10, 50)).create();
        HttpResponse<byte[]> plain = get(eventId);
        HttpResponse<byte[]> zipped = get(eventId, "Accept-Encoding", "gzip, deflate");

        assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("vary").orElse("")).containsIgnoringCase("accept-encoding");
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        assertThat(unzipped).isEqualTo(plain.body());
        assertThat(zipped.body().length).isLessThan(plain.body().length / 5);
        assertThat(get(eventId, "Accept-Encoding", "gzip;q=0").headers().firstValue("content-encoding")).isEmpty();
    }

    @Test
    void filtersByStatusWithoutChangingTheShape() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 5)).create();
        List<String> seats = fixtures.seatIds(eventId);
        fixtures.holdId(TestTokens.fan(), eventId, seats.subList(1, 3));

        JsonNode held = api.get("/api/v1/events/" + eventId + "/seats?status=held", null).json();

        assertThat(held.get("seats")).hasSize(2);
        assertThat(held.get("seats").get(0).get("id").asString()).isEqualTo(seats.get(1));
        assertThat(held.get("eventId").asString()).isEqualTo(eventId);
    }
}
