package org.boxoffice.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;

class AuthenticationTests extends IntegrationTest {
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private static final String PASSWORD = "correct horse battery";

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    private ApiClient.Response register(String email, String password, String displayName) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("displayName", displayName);
        return api.post("/api/v1/auth/register", null, body);
    }

    private ApiClient.Response token(String email, String password) {
        return api.post("/api/v1/auth/token", null, Map.of("email", email, "password", password));
    }

    private static void assertProblem(ApiClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo(type);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("title").asString()).isNotBlank();
        assertThat(response.json().get("detail").asString()).isNotBlank();
    }

    private void assertNoAccount(String email) {
        assertProblem(token(email, PASSWORD), 401, "invalid-credentials");
    }

    private static Map<String, Object> venueBody() {
        return Map.of("name", "Hall " + UUID.randomUUID(),
                "sections", List.of(Map.of("name", "A", "rows", List.of(Map.of("label", "1", "seats", 3)))));
    }

    // --- registration ---

    @Test
    void registersUserAndReturnsUserId() {
        ApiClient.Response response = register(uniqueEmail(), PASSWORD, "Alice");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.text("userId")).isNotBlank();
    }

    @Test
    void givesDistinctUserIdsToDistinctUsers() {
        String first = register(uniqueEmail(), PASSWORD, "One").text("userId");
        String second = register(uniqueEmail(), PASSWORD, "Two").text("userId");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void rejectsRegistrationWhenEmailTaken() {
        String email = uniqueEmail();
        assertThat(register(email, PASSWORD, "Alice").status()).isEqualTo(201);

        ApiClient.Response again = register(email, "another-quiet-harbor-19", "Mallory");

        assertProblem(again, 409, "email-taken");
        // the original account and password are untouched
        assertThat(token(email, PASSWORD).status()).isEqualTo(200);
        assertProblem(token(email, "another-quiet-harbor-19"), 401, "invalid-credentials");
    }

    @Test
    void rejectsRegistrationWhenEmailTakenInDifferentCase() {
        String local = "case-" + UUID.randomUUID();
        assertThat(register(local + "@example.com", PASSWORD, "Alice").status()).isEqualTo(201);

        ApiClient.Response again = register(local.toUpperCase() + "@EXAMPLE.COM", PASSWORD, "Alice again");

        assertProblem(again, 409, "email-taken");
    }

    @Test
    void issuesTokenForEmailInAnyCase() {
        String local = "mixed-" + UUID.randomUUID();
        assertThat(register(local + "@example.com", PASSWORD, "Alice").status()).isEqualTo(201);

        ApiClient.Response response = token(local.toUpperCase() + "@Example.COM", PASSWORD);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void rejectsRegistrationWithInvalidEmail() {
        ApiClient.Response response = register("not-an-email", PASSWORD, "Alice");

        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").toString()).contains("email");
        assertNoAccount("not-an-email");
    }

    @Test
    void rejectsRegistrationWithShortPassword() {
        String email = uniqueEmail();

        ApiClient.Response response = register(email, "short", "Alice");

        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").toString()).contains("password");
        // nothing was stored: the e-mail is still free
        assertProblem(token(email, "short"), 401, "invalid-credentials");
        assertThat(register(email, PASSWORD, "Alice").status()).isEqualTo(201);
    }

    @Test
    void rejectsRegistrationWithMissingFields() {
        ApiClient.Response response = api.post("/api/v1/auth/register", null, Map.of());

        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").toString()).contains("email").contains("password").contains("displayName");
    }

    @Test
    void rejectsRegistrationWithMissingPassword() {
        String email = uniqueEmail();

        ApiClient.Response response = api.post("/api/v1/auth/register", null, Map.of("email", email, "displayName", "Alice"));

        assertProblem(response, 400, "invalid-request");
        assertThat(register(email, PASSWORD, "Alice").status()).isEqualTo(201);
    }

    @Test
    void rejectsRegistrationWithBlankDisplayName() {
        String email = uniqueEmail();

        ApiClient.Response response = register(email, PASSWORD, "   ");

        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").toString()).contains("displayName");
        assertNoAccount(email);
    }

    @Test
    void rejectsRegistrationWithOverlongDisplayName() {
        String email = uniqueEmail();

        ApiClient.Response response = register(email, PASSWORD, "x".repeat(101));

        assertProblem(response, 400, "invalid-request");
        assertNoAccount(email);
    }

    // --- tokens ---

    @Test
    void issuesBearerTokenForCorrectCredentials() {
        String email = uniqueEmail();
        register(email, PASSWORD, "Alice");

        ApiClient.Response response = token(email, PASSWORD);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.text("accessToken")).isNotBlank().contains(".");
        assertThat(response.text("tokenType")).isEqualTo("Bearer");
        assertThat(response.json().get("expiresIn").isNumber()).isTrue();
        assertThat(response.json().get("expiresIn").asLong()).isPositive();
    }

    @Test
    void rejectsTokenRequestWithWrongPassword() {
        String email = uniqueEmail();
        register(email, PASSWORD, "Alice");

        ApiClient.Response response = token(email, "wrong password");

        assertProblem(response, 401, "invalid-credentials");
        assertThat(response.json().has("accessToken")).isFalse();
    }

    @Test
    void rejectsTokenRequestForUnknownEmail() {
        ApiClient.Response response = token(uniqueEmail(), PASSWORD);

        assertProblem(response, 401, "invalid-credentials");
    }

    @Test
    void rejectsTokenRequestWithMissingPassword() {
        ApiClient.Response response = api.post("/api/v1/auth/token", null, Map.of("email", uniqueEmail()));

        assertProblem(response, 400, "invalid-request");
    }

    @Test
    void issuedTokenGrantsAccessToProtectedEndpoint() {
        String email = uniqueEmail();
        register(email, PASSWORD, "Alice");
        String accessToken = token(email, PASSWORD).text("accessToken");

        ApiClient.Response response = api.get("/api/v1/orders", accessToken);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("items").isArray()).isTrue();
        assertThat(response.json().get("items")).isEmpty();
    }

    @Test
    void registeredFanCannotUseOrganizerEndpoints() {
        String email = uniqueEmail();
        register(email, PASSWORD, "Alice");
        String accessToken = token(email, PASSWORD).text("accessToken");

        assertProblem(api.post("/api/v1/admin/venues", accessToken, venueBody()), 403, "forbidden");
    }

    // --- rejected tokens ---

    @Test
    void rejectsProtectedRequestWithoutToken() {
        ApiClient.Response response = api.get("/api/v1/orders", null);

        assertProblem(response, 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void rejectsGarbageToken() {
        ApiClient.Response response = api.get("/api/v1/orders", "not-a-jwt-at-all");

        assertProblem(response, 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void rejectsStructurallyBrokenJwt() {
        ApiClient.Response response = api.get("/api/v1/orders", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");

        assertProblem(response, 401, "unauthorized");
    }

    @Test
    void rejectsTokenSignedByUntrustedKey() {
        ApiClient.Response response = api.get("/api/v1/orders", TestTokens.forged(TestTokens.newUserId()));

        assertProblem(response, 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void rejectsForgedAdminTokenOnAdminEndpoint() {
        ApiClient.Response response = api.post("/api/v1/admin/venues", TestTokens.forged(TestTokens.newUserId()), venueBody());

        assertProblem(response, 401, "unauthorized");
    }

    @Test
    void rejectsExpiredToken() {
        ApiClient.Response response = api.get("/api/v1/orders", TestTokens.expired(TestTokens.newUserId()));

        assertProblem(response, 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void rejectsOwnTokenWithTamperedPayload() {
        String email = uniqueEmail();
        register(email, PASSWORD, "Alice");
        String[] parts = token(email, PASSWORD).text("accessToken").split("\\.");
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"boxoffice\",\"sub\":\"someone\",\"roles\":[\"ADMIN\"],\"exp\":" + (System.currentTimeMillis() / 1000 + 3600) + "}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        ApiClient.Response response = api.get("/api/v1/admin/events/1/sales", parts[0] + "." + payload + "." + parts[2]);

        assertProblem(response, 401, "unauthorized");
    }

    // --- roles ---

    @Test
    void forbidsFanOnOrganizerEndpoint() {
        ApiClient.Response response = api.post("/api/v1/admin/venues", TestTokens.fan(), venueBody());

        assertProblem(response, 403, "forbidden");
    }

    @Test
    void trustedIssuerOrganizerCanCreateVenue() {
        ApiClient.Response response = api.post("/api/v1/admin/venues", TestTokens.organizer(), venueBody());

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.text("venueId")).isNotBlank();
        assertThat(response.json().get("seatCount").asInt()).isEqualTo(3);
    }

    @Test
    void trustedIssuerAdminCanCreateVenue() {
        ApiClient.Response response = api.post("/api/v1/admin/venues",
                TestTokens.token(TestTokens.newUserId(), List.of("ADMIN")), venueBody());

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void organizerWithoutFanRoleCannotPlaceOrders() {
        ApiClient.Response response = api.get("/api/v1/orders", TestTokens.organizer());

        assertProblem(response, 403, "forbidden");
    }

    @Test
    void tokenWithoutRolesClaimActsAsFan() {
        String token = TestTokens.withoutRoles(TestTokens.newUserId());

        ApiClient.Response orders = api.get("/api/v1/orders", token);
        assertThat(orders.status()).as(orders.toString()).isEqualTo(200);
        assertThat(orders.json().get("items")).isEmpty();

        assertProblem(api.post("/api/v1/admin/venues", token, venueBody()), 403, "forbidden");
    }

    @Test
    void tokenWithEmptyRolesActsAsFan() {
        String token = TestTokens.token(TestTokens.newUserId(), List.of());

        assertThat(api.get("/api/v1/orders", token).status()).isEqualTo(200);
        assertProblem(api.post("/api/v1/admin/venues", token, venueBody()), 403, "forbidden");
    }

    @Test
    void unknownRoleGrantsNothing() {
        String token = TestTokens.token(TestTokens.newUserId(), List.of("SUPERUSER"));

        assertProblem(api.post("/api/v1/admin/venues", token, venueBody()), 403, "forbidden");
        assertProblem(api.get("/api/v1/orders", token), 403, "forbidden");
    }

    @Test
    void trustedIssuerFanCanBuyAndSeeOwnOrders() {
        String fan = TestTokens.fan();
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).create();
        fixtures.buy(fan, eventId, fixtures.seatIds(eventId).subList(0, 1));

        ApiClient.Response orders = api.get("/api/v1/orders", fan);

        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.json().get("items")).hasSize(1);
        assertThat(api.get("/api/v1/orders", TestTokens.fan()).json().get("items")).isEmpty();
    }

    @Test
    void publicBrowseNeedsNoToken() {
        ApiClient.Response response = api.get("/api/v1/events", null);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void publicBrowseRejectsInvalidToken() {
        // a bad token is never silently ignored, even where none is needed
        ApiClient.Response response = api.get("/api/v1/events", TestTokens.forged(TestTokens.newUserId()));

        assertProblem(response, 401, "unauthorized");
    }

    // --- odd tokens of the trusted issuer ---

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER).subject(TestTokens.newUserId())
                .issueTime(Date.from(Instant.now().minusSeconds(5))).expirationTime(Date.from(Instant.now().plusSeconds(3600)));
    }

    @Test
    void rejectsUnsignedTokenClaimingTrustedIssuer() {
        String token = new PlainJWT(claims().claim("roles", List.of("ADMIN")).build()).serialize();

        assertProblem(api.post("/api/v1/admin/venues", token, venueBody()), 401, "unauthorized");
    }

    @Test
    void rejectsHmacSignedTokenClaimingTrustedIssuer() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().claim("roles", List.of("ADMIN")).build());
        jwt.sign(new MACSigner(new byte[32]));

        assertProblem(api.post("/api/v1/admin/venues", jwt.serialize(), venueBody()), 401, "unauthorized");
    }

    @Test
    void rejectsTrustedKeyTokenWithForeignIssuer() {
        String token = TestTokens.signed(claims().issuer("https://evil.example").claim("roles", List.of("ADMIN")).build());

        assertProblem(api.post("/api/v1/admin/venues", token, venueBody()), 401, "unauthorized");
    }

    @Test
    void rejectsTrustedTokenWithoutSubject() {
        String token = TestTokens.signed(claims().subject(null).claim("roles", List.of("FAN")).build());

        assertProblem(api.get("/api/v1/orders", token), 401, "unauthorized");
    }

    @Test
    void rejectsTrustedTokenWithoutExpiry() {
        String token = TestTokens.signed(claims().expirationTime(null).claim("roles", List.of("FAN")).build());

        assertProblem(api.get("/api/v1/orders", token), 401, "unauthorized");
    }

    @Test
    void handlesSingleRoleGivenAsStringWithoutFailing() {
        String token = TestTokens.signed(claims().claim("roles", "ORGANIZER").build());

        ApiClient.Response response = api.post("/api/v1/admin/venues", token, venueBody());

        // outside the contract (roles is an array): either read as that one role or refused, but never a 500
        assertThat(response.status()).as(response.toString()).isIn(201, 401);
        if (response.status() == 401) {
            assertProblem(response, 401, "unauthorized");
        }
    }

    @Test
    void handlesOverlongSubjectWithoutFailing() {
        String token = TestTokens.signed(claims().subject("s".repeat(300)).claim("roles", List.of("FAN")).build());

        ApiClient.Response response = api.get("/api/v1/orders", token);

        assertThat(response.status()).as(response.toString()).isIn(200, 401);
        if (response.status() == 401) {
            assertProblem(response, 401, "unauthorized");
        }
    }

    @Test
    void acceptsTrustedTokenWithOverlongEmailClaim() {
        String email = "e".repeat(300) + "@example.com";
        String token = TestTokens.signed(claims().claim("roles", List.of("FAN")).claim("email", email).build());

        ApiClient.Response response = api.get("/api/v1/orders", token);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void trustedTokenWithEmailCreatesUserOnFirstUse() {
        String email = uniqueEmail();
        String token = TestTokens.signed(claims().claim("roles", List.of("FAN")).claim("email", email).build());

        assertThat(api.get("/api/v1/orders", token).status()).isEqualTo(200);
        // the external user has no password: nobody can log in as them, and the same token keeps working
        assertProblem(token(email, PASSWORD), 401, "invalid-credentials");
        assertThat(api.get("/api/v1/orders", token).status()).isEqualTo(200);
        // the row is written in the background, once
        org.awaitility.Awaitility.await("the user's row").atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM users WHERE display_name = :email AND password_hash IS NULL").param("email", email)
                .query(Integer.class).single() == 1);
    }

    @Test
    void manyExternalUsersAtOnceGetOneRowEach() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tokens.add(TestTokens.signed(claims().subject("many-" + run + "-" + i).claim("roles", List.of("FAN")).build()));
        }
        org.boxoffice.support.Concurrently.run(40, i -> api.get("/api/v1/orders", tokens.get(i)));
        org.boxoffice.support.Concurrently.run(40, i -> api.get("/api/v1/orders", tokens.get(i)));

        org.awaitility.Awaitility.await("the users' rows").atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM users WHERE id LIKE :prefix").param("prefix", "many-" + run + "-%").query(Integer.class).single() == 40);
    }

    @Test
    void rejectsPasswordsLongerThanBcryptReads() {
        ApiClient.Response response = api.post("/api/v1/auth/register", null, Map.of(
                "email", "long-" + UUID.randomUUID() + "@example.com", "password", "p".repeat(100), "displayName", "Long"));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void rejectsEncryptedTokensAsUnauthorized() {
        ApiClient.Response response = api.get("/api/v1/orders",
                "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.AAAA.AAAA.AAAA.AAAA");

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.problemType()).isEqualTo("unauthorized");
    }
}
