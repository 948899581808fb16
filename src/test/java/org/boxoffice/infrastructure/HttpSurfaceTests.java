package org.boxoffice.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.boxoffice.support.ApiAssertions.assertProblem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.RawHttp;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The HTTP edge under abuse: malformed requests, slow clients, lenient JSON, foreign hosts, page headers. */
class HttpSurfaceTests extends IntegrationTest {

    private static void assertRawProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        JsonNode json = response.json();
        assertThat(json.get("type").asString()).startsWith("https://boxoffice.dev/problems/");
        assertThat(json.get("title").asString()).isNotBlank();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContainIgnoringCase("<html").doesNotContain("Tomcat", "Exception");
    }

    private RawHttp.Response raw(String requestLine, String... headers) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return RawHttp.exchange(port, request.append("Connection: close\r\n\r\n").toString());
    }

    // --- errors Tomcat answers before any servlet ---

    @Test
    void answersAMalformedHeaderWithProblemDetails() {
        assertRawProblem(raw("GET /api/v1/events HTTP/1.1", "Bad Header Name: x"), 400);
    }

    @Test
    void answersAnOversizedHeaderSectionWithProblemDetails() {
        RawHttp.Response response = raw("GET /api/v1/events HTTP/1.1", "X-Padding: " + "a".repeat(40_000));
        assertRawProblem(response, response.status());
        assertThat(response.status()).isIn(400, 413, 431);
    }

    @Test
    void answersABadPathEncodingWithProblemDetails() {
        assertRawProblem(raw("GET /api/v1/events/%zz HTTP/1.1"), 400);
    }

    @Test
    void answersIllegalCharactersInThePathWithProblemDetails() {
        assertRawProblem(raw("GET /api/v1/events/{1} HTTP/1.1"), 400);
    }

    @Test
    void answersAnEncodedSlashWithProblemDetails() {
        assertRawProblem(raw("GET /api/v1/events/1%2F..%2Fseats HTTP/1.1"), 400);
    }

    @Test
    void answersAMalformedRequestLineWithProblemDetails() {
        assertRawProblem(raw("GET /api/v1/events HTTP/1.1 extra"), 400);
    }

    // --- slow clients ---

    @Test
    void closesAConnectionWhoseHeadersTrickleInPastTheDeadline() throws Exception {
        try (RawHttp slow = new RawHttp(port)) {
            slow.send("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\n");
            long started = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) {
                // one header byte every 250 ms: each gap is far below the idle timeout
                slow.send("X-Slow-" + i + ": y\r\n".substring(0, 1));
                closed = !slow.open(Duration.ofMillis(250));
                if (i == 2) {
                    assertThat(closed).as("the connection is open while the deadline has not passed").isFalse();
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(closed).as("connection closed by the header deadline").isTrue();
            // the test deadline is 2 s, swept every second
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(api.get("/api/v1/events", null).status()).isEqualTo(200);
    }

    @Test
    void answersABodyThatTricklesInPastTheDeadlineWithATimeout() throws Exception {
        String body = "{\"email\":\"slow@example.com\",\"password\":\"slow-tortoise-ferry-51\",\"displayName\":\"Slow\"}";
        try (RawHttp slow = new RawHttp(port)) {
            slow.send("POST /api/v1/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");
            long started = System.nanoTime();
            boolean answered = false;
            for (int i = 0; i < body.length() && !answered; i++) {
                // one body byte every 200 ms: each gap is far below the idle timeout
                slow.send(body.substring(i, i + 1));
                answered = slow.answered(Duration.ofMillis(200));
            }
            RawHttp.Response response = slow.read();
            // the test's body deadline is 2 s
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertRawProblem(response, 408);
        }
        assertThat(api.post("/api/v1/auth/token", null, Map.of("email", "slow@example.com", "password", "slow-tortoise-ferry-51"))
                .status()).as("the slow registration never happened").isEqualTo(401);
    }

    // --- strict JSON ---

    /** Sends a hold body as raw text: nothing may be held when the body is refused. */
    private void assertHoldBodyRefused(String body) {
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).create();
        List<String> seats = fixtures.seatIds(eventId);
        ApiClient.Response response = api.send("POST", "/api/v1/events/" + eventId + "/holds", TestTokens.fan(),
                body.replace("SEAT0", seats.get(0)).replace("SEAT1", seats.get(1)), Map.of());

        assertProblem(response, 400, "malformed-request");
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    @Test
    void refusesAFractionWhereAnIntegerBelongs() {
        assertHoldBodyRefused("{\"best\":{\"quantity\":3.7}}");
    }

    @Test
    void refusesANumberWrittenAsAString() {
        assertHoldBodyRefused("{\"best\":{\"quantity\":\"3\"}}");
    }

    @Test
    void refusesAKeyGivenTwice() {
        assertHoldBodyRefused("{\"seatIds\":[\"SEAT0\"],\"seatIds\":[\"SEAT1\"]}");
    }

    @Test
    void refusesANumberWhereTextBelongs() {
        ApiClient.Response response = api.send("POST", "/api/v1/auth/register", null,
                "{\"email\":\"number@example.com\",\"password\":12345678901,\"displayName\":\"N\"}", Map.of());

        assertProblem(response, 400, "malformed-request");
    }

    // --- hosts and generated links ---

    @Test
    void refusesAHostThatIsNotTrusted() {
        RawHttp.Response response = RawHttp.exchange(port,
                "GET /api/v1/events HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");

        assertRawProblem(response, 400);
    }

    @Test
    void answersHealthProbesWhateverHostTheyName() {
        RawHttp.Response response = RawHttp.exchange(port, "GET /readyz HTTP/1.1\r\nHost: 10.0.0.7:8080\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void doesNotEchoTheHostHeaderIntoTheApiDocument() {
        RawHttp.Response response = RawHttp.exchange(port,
                "GET /v3/api-docs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("servers").get(0).get("url").asString()).isEqualTo("/");
        assertThat(response.body()).doesNotContain("127.0.0.1");
    }

    // --- page headers ---

    @Test
    void servesPagesWithAContentSecurityPolicyAndNoReferrer() {
        ApiClient.Response page = api.get("/queue.html", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
    }

    @Test
    void servesTheStaticFilesWithTheirTypeAndDateAndNothingForUnknownOnes() {
        ApiClient.Response css = api.get("/queue.css", null);
        ApiClient.Response script = api.get("/queue.js", null);
        ApiClient.Response again = api.get("/queue.css", null);

        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(css.header("Last-Modified")).isNotBlank();
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(again.raw().body()).isEqualTo(css.raw().body()).isNotBlank();
        assertThat(api.get("/nothing-here.css", null).status()).isEqualTo(404);
        assertThat(api.get("/../application.yml", null).status()).isIn(400, 404);
    }

    @Test
    void sendsStrictTransportSecurityWhenTheRequestCameOverTls() {
        ApiClient.Response page = api.send("GET", "/queue.html", null, null, Map.of("X-Forwarded-Proto", "https"));

        assertThat(page.header("Strict-Transport-Security")).contains("max-age=31536000", "includeSubDomains");
    }
}
