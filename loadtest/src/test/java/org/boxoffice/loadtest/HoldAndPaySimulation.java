package org.boxoffice.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.UUID;

/**
 * Purchases per second: {@code concurrency} buyers at all times (default 32), each a new buyer who holds the best two
 * seats and pays for them, on an event without a waiting room (default 8 × 50 × 100 = 40,000 seats), for
 * {@code seconds}. Purchases/s is the "pay" request count over the run's duration in Gatling's report.
 */
public class HoldAndPaySimulation extends Simulation {
    private final Settings settings = Settings.fromSystemProperties();
    private final LoadKeys keys = LoadKeys.in(settings.keys());
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final OnSale sale = OnSale.create(settings, keys.token("organizer-" + run, "ORGANIZER", 7200), false);

    private final ScenarioBuilder holdAndPay = scenario("hold best 2 and pay")
            .exec(session -> session.set("token", keys.token("buyer-" + run + "-" + session.userId(), "FAN", 3600))
                    .set("eventId", sale.eventId()))
            .exec(http("hold").post("/api/v1/events/#{eventId}/holds").body(StringBody("{\"best\":{\"quantity\":2}}"))
                    .check(status().is(201), jsonPath("$.holdId").saveAs("holdId")))
            .exec(http("pay").post("/api/v1/orders").header("Idempotency-Key", "#{holdId}")
                    .body(StringBody("{\"holdId\":\"#{holdId}\",\"payment\":{\"method\":\"card\",\"token\":\"tok_visa\"}}"))
                    .check(status().is(201)));

    {
        setUp(holdAndPay.injectClosed(constantConcurrentUsers(Integer.getInteger("concurrency", 32))
                .during(Duration.ofSeconds(Integer.getInteger("seconds", 30)))))
                .protocols(http.baseUrl(settings.baseUrl()).acceptHeader("application/json").contentTypeHeader("application/json")
                        .header("Authorization", "Bearer #{token}"));
    }
}
