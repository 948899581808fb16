package org.boxoffice.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Checks of the contract's shapes that many tests share: problem details and money. */
public final class ApiAssertions {
    private ApiAssertions() {
    }

    /** An RFC 9457 problem with this status and, when given, this type slug. */
    public static void assertProblem(ApiClient.Response response, int status, @Nullable String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("detail")).isNotNull();
        if (type != null) {
            assertThat(response.problemType()).isEqualTo(type);
        }
    }

    /** Money as the contract writes it: the amount a decimal string, in euros here. */
    public static void assertMoney(JsonNode money, String amount) {
        assertThat(money.get("amount").isString()).as("amount is a decimal string").isTrue();
        assertThat(money.get("amount").asString()).isEqualTo(amount);
        assertThat(money.get("currency").asString()).isEqualTo("EUR");
    }
}
