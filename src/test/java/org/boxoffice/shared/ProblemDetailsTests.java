package org.boxoffice.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemDetailsTests extends IntegrationTest {
    private static final int LIMIT = 65_536;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Checks the RFC 9457 shape every error must have, and that nothing internal leaks. */
    private static void assertProblem(ApiClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertProblemBody(response.raw().body(), status, type);
    }

    private static void assertProblemBody(String body, int status, String type) {
        JsonNode json = JSON.readTree(body);
        assertThat(json.get("type").asString()).isEqualTo("https://boxoffice.dev/problems/" + type);
        assertThat(json.get("title").asString()).isNotBlank();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("detail").asString()).isNotBlank();
        assertThat(body).doesNotContain("at org.", "at java.", "Exception", "\tat ", "trace", "org.springframework", "tools.jackson");
    }

    private ApiClient.Response postRaw(String path, String token, String body, String contentType) {
        return api.send("POST", path, token, body, Map.of("Content-Type", contentType));
    }

    private void assertServiceStillAnswers() {
        ApiClient.Response events = api.get("/api/v1/events", null);
        assertThat(events.status()).isEqualTo(200);
        String email = "alive-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response register = api.post("/api/v1/auth/register", null,
                Map.of("email", email, "password", "plum-orbit-kettle-37", "displayName", "Alive"));
        assertThat(register.status()).as(register.toString()).isEqualTo(201);
    }

    private static String validRegistration(String padding) {
        return "{\"email\":\"big-" + UUID.randomUUID() + "@example.com\",\"password\":\"plum-orbit-kettle-37\","
                + "\"displayName\":\"Big\",\"padding\":\"" + padding + "\"}";
    }

    // --- unreadable bodies ---

    @Test
    void rejectsMalformedJson() {
        ApiClient.Response response = postRaw("/api/v1/auth/register", null, "{\"email\": \"a@b.c\", \"password\": ", "application/json");

        assertProblem(response, 400, "malformed-request");
        assertServiceStillAnswers();
    }

    @Test
    void rejectsMalformedJsonOnProtectedEndpoint() {
        ApiClient.Response response = postRaw("/api/v1/admin/venues", TestTokens.organizer(), "{name: 'x',", "application/json");

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void rejectsStringWhereObjectExpected() {
        ApiClient.Response response = postRaw("/api/v1/auth/register", null, "\"just a string\"", "application/json");

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void rejectsArrayWhereObjectExpected() {
        ApiClient.Response response = postRaw("/api/v1/auth/token", null, "[1, 2, 3]", "application/json");

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void rejectsObjectWhereStringExpected() {
        ApiClient.Response response = postRaw("/api/v1/auth/register", null,
                "{\"email\": {\"nested\": true}, \"password\": \"plum-orbit-kettle-37\", \"displayName\": \"X\"}", "application/json");

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void rejectsWrongShapeInNestedList() {
        ApiClient.Response response = postRaw("/api/v1/admin/venues", TestTokens.organizer(),
                "{\"name\": \"V\", \"sections\": \"A\"}", "application/json");

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void rejectsMissingBody() {
        ApiClient.Response response = api.send("POST", "/api/v1/auth/register", null, null, Map.of("Content-Type", "application/json"));

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void rejectsEmptyBody() {
        ApiClient.Response response = postRaw("/api/v1/auth/token", null, "", "application/json");

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void rejectsNullJsonBody() {
        ApiClient.Response response = postRaw("/api/v1/auth/token", null, "null", "application/json");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertProblemBody(response.raw().body(), 400, "malformed-request");
    }

    // --- content negotiation and methods ---

    @Test
    void rejectsWrongContentType() {
        String email = "plain-" + UUID.randomUUID() + "@example.com";
        String body = "{\"email\":\"" + email + "\",\"password\":\"plum-orbit-kettle-37\",\"displayName\":\"Plain\"}";

        ApiClient.Response response = postRaw("/api/v1/auth/register", null, body, "text/plain");

        assertProblem(response, 415, "unsupported-media-type");
        // nothing was registered
        ApiClient.Response token = api.post("/api/v1/auth/token", null, Map.of("email", email, "password", "plum-orbit-kettle-37"));
        assertThat(token.status()).isEqualTo(401);
    }

    @Test
    void rejectsFormEncodedBody() {
        ApiClient.Response response = postRaw("/api/v1/auth/token", null, "email=a%40b.c&password=x",
                "application/x-www-form-urlencoded");

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void rejectsUnsupportedMethod() {
        ApiClient.Response response = api.send("PUT", "/api/v1/events", TestTokens.fan(), "{}", Map.of());

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).contains("GET");
    }

    @Test
    void rejectsDeleteOnEventList() {
        ApiClient.Response response = api.delete("/api/v1/events", TestTokens.organizer());

        assertProblem(response, 405, "method-not-allowed");
    }

    @Test
    void rejectsUnacceptableResponseType() {
        ApiClient.Response response = api.send("GET", "/api/v1/events", null, null, Map.of("Accept", "application/xml"));

        assertThat(response.status()).as(response.toString()).isEqualTo(406);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertProblemBody(response.raw().body(), 406, "not-acceptable");
    }

    // --- unknown paths ---

    @Test
    void answersNotFoundForUnknownApiPath() {
        ApiClient.Response response = api.get("/api/v1/nope", TestTokens.fan());

        assertProblem(response, 404, "not-found");
    }

    @Test
    void answersUnauthorizedForUnknownApiPathWithoutToken() {
        ApiClient.Response response = api.get("/api/v1/nope", null);

        assertProblem(response, 401, "unauthorized");
    }

    @Test
    void answersNotFoundForUnknownPathOutsideApi() {
        ApiClient.Response response = api.get("/definitely/not/here", null);

        assertProblem(response, 404, "not-found");
    }

    @Test
    void answersNotFoundForUnknownNestedEventPath() {
        ApiClient.Response response = api.get("/api/v1/events/1/nothing-here", TestTokens.fan());

        assertProblem(response, 404, "not-found");
    }

    // --- oversized bodies ---

    @Test
    void rejectsOversizedBodyWithContentLength() {
        String body = validRegistration("x".repeat(LIMIT + 10));
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(LIMIT);

        ApiClient.Response response = postRaw("/api/v1/auth/register", null, body, "application/json");

        assertProblem(response, 413, "payload-too-large");
        assertServiceStillAnswers();
    }

    @Test
    void rejectsOversizedBodyOnProtectedEndpointBeforeAuthentication() {
        String body = "{\"name\":\"" + "v".repeat(LIMIT * 2) + "\",\"sections\":[]}";

        ApiClient.Response response = postRaw("/api/v1/admin/venues", null, body, "application/json");

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void acceptsBodyJustUnderTheLimit() {
        String head = validRegistration("");
        String body = validRegistration("y".repeat(LIMIT - head.length() - 10));
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LIMIT);

        ApiClient.Response response = postRaw("/api/v1/auth/register", null, body, "application/json");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void rejectsOversizedChunkedBody() throws Exception {
        byte[] body = validRegistration("z".repeat(LIMIT * 2)).getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/register"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                // an unknown length makes the client send the body chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the service dropped the connection instead of answering 413", e);
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        assertProblemBody(response.body(), 413, "payload-too-large");
        assertServiceStillAnswers();
    }

    @Test
    void acceptsSmallChunkedBody() throws Exception {
        String email = "chunked-" + UUID.randomUUID() + "@example.com";
        byte[] body = ("{\"email\":\"" + email + "\",\"password\":\"plum-orbit-kettle-37\",\"displayName\":\"Chunky\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/register"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    // --- shape of every problem ---

    @Test
    void everyErrorIsAProblemDetailWithoutInternals() {
        String fan = TestTokens.fan();
        assertProblem(api.get("/api/v1/events/424242424242", null), 404, "not-found");
        assertProblem(api.get("/api/v1/events?size=0", null), 400, "invalid-request");
        assertProblem(api.get("/api/v1/events?page=abc", null), 400, "invalid-request");
        assertProblem(api.get("/api/v1/orders", null), 401, "unauthorized");
        assertProblem(api.get("/api/v1/admin/events/1/sales", fan), 403, "forbidden");
        assertProblem(api.post("/api/v1/auth/token", null, Map.of("email", "nobody@example.com", "password", "whatever1")),
                401, "invalid-credentials");
        assertProblem(api.post("/api/v1/orders", fan, Map.of("holdId", "h", "payment", Map.of("method", "card", "token", "tok_visa"))),
                400, "missing-header");
        assertProblem(api.get("/api/v1/holds/does-not-exist", fan), 404, "not-found");
        assertServiceStillAnswers();
    }

    @Test
    void problemForUnknownHoldDoesNotRevealStorageDetails() {
        ApiClient.Response response = api.get("/api/v1/holds/%27%20OR%20%271%27%3D%271", TestTokens.fan());

        assertThat(response.status()).isIn(400, 404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw().body()).doesNotContainIgnoringCase("sql").doesNotContain("Exception");
        assertServiceStillAnswers();
    }
}
