package org.boxoffice.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.boxoffice.support.ApiAssertions.assertProblem;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.Concurrently;
import org.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Password guessing, account farming and weak passwords, from the outside. */
class SignInProtectionTests extends IntegrationTest {
    private static final String PASSWORD = "violet-canal-morning-82";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String uniqueEmail() {
        return "guard-" + UUID.randomUUID() + "@example.com";
    }

    private static ApiClient.Response register(ApiClient client, String email, String password) {
        return client.post("/api/v1/auth/register", null, Map.of("email", email, "password", password, "displayName", "Guarded Fan"));
    }

    private static ApiClient.Response signIn(ApiClient client, String email, String password) {
        return client.post("/api/v1/auth/token", null, Map.of("email", email, "password", password));
    }

    private String account() {
        String email = uniqueEmail();
        assertThat(register(new ApiClient(port), email, PASSWORD).status()).isEqualTo(201);
        return email;
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void stopsPasswordGuessingFromOneAddressWithoutLockingTheOwnerOut() {
        String email = account();
        ApiClient guesser = new ApiClient(port);
        for (int i = 0; i < 5; i++) {
            assertProblem(signIn(guesser, email, "wrong-guess-" + i + "-xyz"), 401, "invalid-credentials");
        }

        ApiClient.Response throttled = signIn(guesser, email, "wrong-guess-5-xyz");
        assertProblem(throttled, 429, "sign-in-throttled");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isPositive();
        assertProblem(signIn(guesser, email, PASSWORD), 429, "sign-in-throttled");

        assertThat(signIn(new ApiClient(port), email, PASSWORD).status()).as("the owner elsewhere").isEqualTo(200);
    }

    @Test
    void letsNoMoreGuessesThroughThanTheBudgetWhenTheyArriveAllAtOnce() throws Exception {
        String email = account();
        ApiClient guesser = new ApiClient(port);

        List<ApiClient.Response> answers = Concurrently.run(20, i -> signIn(guesser, email, "parallel-guess-" + i + "-xyz"));

        long checked = answers.stream().filter(a -> a.status() == 401).count();
        assertThat(checked).as("wrong passwords actually checked, of a budget of 5").isBetween(1L, 5L);
        assertThat(answers).allMatch(a -> a.status() == 401 || a.status() == 429);
    }

    @Test
    void stopsGuessingSpreadOverManyAddressesButLetsTheOwnerInFromAKnownAddress() {
        String email = account();
        ApiClient home = new ApiClient(port);
        assertThat(signIn(home, email, PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 8; i++) { // the test's budget of wrong passwords per account
            assertProblem(signIn(new ApiClient(port), email, "spread-guess-" + i + "-xyz"), 401, "invalid-credentials");
        }

        assertProblem(signIn(new ApiClient(port), email, "spread-guess-8-xyz"), 429, "sign-in-throttled");
        assertProblem(signIn(new ApiClient(port), email, PASSWORD), 429, "sign-in-throttled");
        assertThat(signIn(home, email, PASSWORD).status()).as("the owner's usual address").isEqualTo(200);
    }

    @Test
    void takesAsLongToRefuseAnUnknownEmailAsAWrongPassword() {
        String email = account();
        long[] known = new long[5];
        long[] unknown = new long[5];
        signIn(new ApiClient(port), uniqueEmail(), "warm-up-the-path-1"); // first use loads code paths
        for (int i = 0; i < known.length; i++) {
            long started = System.nanoTime();
            assertProblem(signIn(new ApiClient(port), email, "wrong-" + i + "-password-xyz"), 401, "invalid-credentials");
            known[i] = System.nanoTime() - started;
            started = System.nanoTime();
            assertProblem(signIn(new ApiClient(port), uniqueEmail(), "wrong-" + i + "-password-xyz"), 401, "invalid-credentials");
            unknown[i] = System.nanoTime() - started;
        }
        java.util.Arrays.sort(known);
        java.util.Arrays.sort(unknown);
        double medianKnown = known[2];
        double medianUnknown = unknown[2];

        assertThat(Math.abs(medianKnown - medianUnknown) / Math.max(medianKnown, medianUnknown))
                .as("known %.1f ms, unknown %.1f ms", medianKnown / 1e6, medianUnknown / 1e6).isLessThan(0.20);
    }

    @Test
    void refusesWeakPasswordsWithTheReasonAndCreatesNoAccount() {
        List<String> weak = List.of("12345678", "password", "qwertyuiop", "boxoffice-demo", "passw0rd!", "ticket2026");
        for (String password : weak) {
            String email = uniqueEmail();
            ApiClient client = new ApiClient(port);
            ApiClient.Response response = register(client, email, password);

            assertProblem(response, 400, "weak-password");
            assertThat(response.json().get("reasons").isArray()).isTrue();
            assertThat(response.json().get("reasons").get(0).asString()).as(password).isNotBlank();
            assertProblem(signIn(client, email, password), 401, "invalid-credentials");
        }
    }

    @Test
    void refusesTheEmailAddressOrTheNameAsThePassword() {
        String email = "marguerite.okonkwo-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient client = new ApiClient(port);

        assertProblem(register(client, email, email), 400, "weak-password");
        ApiClient.Response name = client.post("/api/v1/auth/register", null,
                Map.of("email", email, "password", "MargueriteOkonkwo", "displayName", "Marguerite Okonkwo"));
        assertProblem(name, 400, "weak-password");
    }

    @Test
    void stopsARegistrationFloodFromOneAddress() {
        ApiClient farm = new ApiClient(port);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            statuses.add(register(farm, uniqueEmail(), PASSWORD).status());
        }

        assertThat(statuses.subList(0, 10)).containsOnly(201);
        ApiClient.Response refused = register(farm, uniqueEmail(), PASSWORD);
        assertProblem(refused, 429, "registration-rate-limited");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(register(new ApiClient(port), uniqueEmail(), PASSWORD).status()).as("another address").isEqualTo(201);
    }

    @Test
    void verifiesAnEmailAddressWithTheTokenSentToIt() {
        String email = account();
        ApiClient client = new ApiClient(port);
        String token = signIn(client, email, PASSWORD).text("accessToken");
        assertThat(claims(token).get("email_verified").asBoolean()).isFalse();

        assertThat(client.post("/api/v1/auth/email-verification", token, null).status()).isEqualTo(202);
        String mailed = MAILED_VERIFICATIONS.get(email);
        assertThat(mailed).isNotBlank();
        assertProblem(client.post("/api/v1/auth/email-verification/confirm", token, Map.of("token", mailed + "x")),
                400, "invalid-verification-token");
        ApiClient.Response confirmed = client.post("/api/v1/auth/email-verification/confirm", token, Map.of("token", mailed));

        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(claims(confirmed.text("accessToken")).get("email_verified").asBoolean()).isTrue();
        assertThat(claims(signIn(client, email, PASSWORD).text("accessToken")).get("email_verified").asBoolean()).isTrue();
    }

    @Test
    void refusesSomeoneElsesVerificationToken() {
        String alice = account();
        String bob = account();
        ApiClient client = new ApiClient(port);
        String aliceToken = signIn(client, alice, PASSWORD).text("accessToken");
        String bobToken = signIn(client, bob, PASSWORD).text("accessToken");
        client.post("/api/v1/auth/email-verification", aliceToken, null);

        assertProblem(client.post("/api/v1/auth/email-verification/confirm", bobToken,
                Map.of("token", MAILED_VERIFICATIONS.get(alice))), 400, "invalid-verification-token");
    }
}
