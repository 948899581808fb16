package org.boxoffice.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * One hot endpoint at a time, {@code concurrency} users (default 32) each sending requests back to back for
 * {@code seconds} (default 30), as in the performance table of docs/benchmarks.md. {@code -Dendpoint=}:
 * <ul>
 *   <li>{@code failed-holds}: holds of a seat another buyer holds (409), each user with a token of its own;</li>
 *   <li>{@code event-read}: {@code GET /api/v1/events/{id}};</li>
 *   <li>{@code queue-poll}: each user joins a waiting room's pre-queue once, then polls {@code queue/me}.</li>
 * </ul>
 */
public class EndpointSimulation extends Simulation {
    private final Settings settings = Settings.fromSystemProperties();
    private final LoadKeys keys = LoadKeys.in(settings.keys());
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String endpoint = System.getProperty("endpoint", "failed-holds");
    private final Duration duration = Duration.ofSeconds(Integer.getInteger("seconds", 30));
    private final OnSale sale = OnSale.create(settings, keys.token("organizer-" + run, "ORGANIZER", 7200), endpoint.equals("queue-poll"));
    private final String takenSeat = sale.seatIdsBySection().getFirst().getFirst();

    private final ChainBuilder asUser = exec(session -> session.set("token", keys.token("user-" + run + "-" + session.userId(), "FAN", 7200))
            .set("eventId", sale.eventId()).set("seat", takenSeat));

    private ScenarioBuilder scenarioFor(String endpoint) {
        return switch (endpoint) {
            case "failed-holds" -> {
                holdSeatOnce();
                yield scenario(endpoint).exec(asUser).during(duration).on(
                        exec(http("failed hold").post("/api/v1/events/#{eventId}/holds").header("Authorization", "Bearer #{token}")
                                .body(StringBody("{\"seatIds\":[\"#{seat}\"]}")).check(status().is(409))));
            }
            case "event-read" -> scenario(endpoint).exec(asUser).during(duration).on(
                    exec(http("event read").get("/api/v1/events/#{eventId}").check(status().is(200))));
            case "queue-poll" -> scenario(endpoint).exec(asUser)
                    .exec(http("challenge").get("/api/v1/events/#{eventId}/queue/challenge").header("Authorization", "Bearer #{token}")
                            .check(jsonPath("$.algorithm").saveAs("algorithm"), jsonPath("$.challenge").saveAs("challenge"),
                                    jsonPath("$.salt").saveAs("salt"), jsonPath("$.signature").saveAs("signature"),
                                    jsonPath("$.maxnumber").ofLong().saveAs("maxnumber")))
                    .exec(session -> session.set("proof", ProofOfWork.solve(session.getString("algorithm"), session.getString("challenge"),
                            session.getString("salt"), session.getString("signature"), session.getLong("maxnumber"))))
                    .exec(http("join queue").post("/api/v1/events/#{eventId}/queue").header("Authorization", "Bearer #{token}")
                            .body(StringBody("{\"proofOfWork\":\"#{proof}\"}")).check(status().is(202)))
                    .during(duration).on(exec(http("queue poll").get("/api/v1/events/#{eventId}/queue/me")
                            .header("Authorization", "Bearer #{token}").check(status().is(200))));
            default -> throw new IllegalArgumentException("-Dendpoint must be failed-holds, event-read or queue-poll, not " + endpoint);
        };
    }

    /** Another buyer holds the seat every measured attempt asks for. */
    private void holdSeatOnce() {
        HttpRequest hold = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/api/v1/events/" + sale.eventId() + "/holds"))
                .header("Authorization", "Bearer " + keys.token("holder-" + run, "FAN", 7200)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seatIds\":[\"" + takenSeat + "\"]}")).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(hold, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("could not hold the contended seat: " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    {
        setUp(scenarioFor(endpoint).injectOpen(atOnceUsers(Integer.getInteger("concurrency", 32))))
                .protocols(http.baseUrl(settings.baseUrl()).acceptHeader("application/json").contentTypeHeader("application/json"));
    }
}
