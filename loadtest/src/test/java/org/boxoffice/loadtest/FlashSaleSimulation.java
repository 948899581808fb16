package org.boxoffice.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The on-sale: users join the waiting room before and after the sale opens (solving its proof of work), poll until
 * admitted, hold named seats in a popular section (contention) or the best available, pay (some cards are declined,
 * some buyers walk away from their hold), and a few cancel. After the run: a JSON summary and, given the database, a
 * check of the invariants straight in it ({@link Invariants}).
 */
public class FlashSaleSimulation extends Simulation {
    private final Settings settings = Settings.fromSystemProperties();
    private final LoadKeys keys = LoadKeys.in(settings.keys());
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final OnSale sale = OnSale.create(settings, keys.token("organizer-" + run, "ORGANIZER", 7200));
    private final Outcomes outcomes = new Outcomes();
    private final SoldOutWatch watch = new SoldOutWatch(settings, sale.eventId());

    /**
     * Users share a pool of connections, as they reach a real site through a CDN or load balancer: one connection per
     * virtual user would run the generator out of file descriptors long before the node runs out of anything.
     */
    private final HttpProtocolBuilder protocol = http.baseUrls(settings.nodes()).acceptHeader("application/json")
            .contentTypeHeader("application/json").shareConnections();
    private static final String BEARER = "Bearer #{token}";

    private final ChainBuilder identify = exec(session -> session.set("eventId", sale.eventId())
            .set("fate", ThreadLocalRandom.current().nextDouble()));

    /** A token is minted (an RSA signature, the generator's costliest step) only for users who queue. */
    private final ChainBuilder join = exec(session -> session.set("token", keys.token("fan-" + run + "-" + session.userId(), "FAN", 7200)))
            .exec(http("challenge").get("/api/v1/events/#{eventId}/queue/challenge").header("Authorization", BEARER)
                    .check(jsonPath("$.algorithm").saveAs("algorithm"), jsonPath("$.challenge").saveAs("challenge"),
                            jsonPath("$.salt").saveAs("salt"), jsonPath("$.signature").saveAs("signature"),
                            jsonPath("$.maxnumber").ofLong().saveAs("maxnumber")))
            .exitHereIfFailed()
            .exec(session -> session.set("proof", ProofOfWork.solve(session.getString("algorithm"), session.getString("challenge"),
                    session.getString("salt"), session.getString("signature"), session.getLong("maxnumber"))))
            .exec(http("join queue").post("/api/v1/events/#{eventId}/queue").header("Authorization", BEARER).body(StringBody("{\"proofOfWork\":\"#{proof}\"}"))
                    .check(status().is(202), jsonPath("$.status").saveAs("queueStatus")))
            .exitHereIfFailed()
            .exec(session -> session.set("joinedAt", System.nanoTime()));

    private final ChainBuilder waitForAdmission = asLongAsDuring(session -> !"ADMITTED".equals(session.getString("queueStatus"))
            && !watch.soldOut(), Duration.ofMinutes(settings.waitMinutes())).on(
            pause(Duration.ofSeconds(settings.pollSeconds()))
                    .exec(http("poll queue").get("/api/v1/events/#{eventId}/queue/me").header("Authorization", BEARER)
                            .check(status().is(200), jsonPath("$.status").saveAs("queueStatus"),
                                    jsonPath("$.admissionToken").optional().saveAs("admission"))));

    private final ChainBuilder hold = exec(session -> session.set("holdBody", holdBody(session)).set("attempts", 0))
            .asLongAs(session -> !session.contains("holdId") && session.getInt("attempts") < 5 && !session.contains("soldOut")).on(
                    exec(http("hold").post("/api/v1/events/#{eventId}/holds").header("Authorization", BEARER)
                            .header("Admission-Token", "#{admission}")
                            .body(StringBody("#{holdBody}"))
                            .check(status().in(201, 409).saveAs("holdStatus"), jsonPath("$.holdId").optional().saveAs("holdId"),
                                    jsonPath("$.type").optional().saveAs("problem")))
                            .exec(session -> {
                                outcomes.hold(session.getInt("holdStatus"), session.getString("problem"));
                                boolean noBlock = session.contains("problem") && session.getString("problem").endsWith("not-enough-seats");
                                // a buyer refused "not enough seats" for a single seat has seen the sale sell out
                                Session next = session.set("attempts", session.getInt("attempts") + 1).set("holdBody", ANY_ONE_SEAT);
                                return noBlock && ANY_ONE_SEAT.equals(session.getString("holdBody")) ? next.set("soldOut", true) : next.remove("problem");
                            }));

    private final ChainBuilder pay = doIf(session -> session.contains("holdId")).then(
            doIf(session -> session.getDouble("fate") >= settings.abandonShare()).then(
                    exec(session -> session.set("card", session.getDouble("fate") < settings.abandonShare() + settings.declineShare()
                            ? "tok_declined" : "tok_visa"))
                            .exec(http("pay").post("/api/v1/orders").header("Authorization", BEARER).header("Idempotency-Key", "#{holdId}")
                                    .body(StringBody("{\"holdId\":\"#{holdId}\",\"payment\":{\"method\":\"card\",\"token\":\"#{card}\"}}"))
                                    .check(status().in(201, 402, 410).saveAs("payStatus"), jsonPath("$.orderId").optional().saveAs("orderId")))
                            .exec(session -> {
                                outcomes.payment(session.getInt("payStatus"));
                                return session;
                            })
                            .doIf(session -> session.getInt("payStatus") == 201
                                    && session.getDouble("fate") > 1 - settings.cancelShare()).then(
                                    exec(http("cancel").post("/api/v1/orders/#{orderId}/cancel").header("Authorization", BEARER).body(StringBody("{}"))
                                            .check(status().is(200)))
                                            .exec(session -> {
                                                outcomes.cancelled();
                                                return session;
                                            }))));

    private final ChainBuilder admitted = exec(session -> {
        outcomes.admitted(Duration.ofNanos(System.nanoTime() - session.getLong("joinedAt")));
        return session;
    });

    /** Users open the event page first; once it says sold out, newcomers go away without queueing. */
    private final ScenarioBuilder flashSale = scenario("flash sale").exec(identify)
            .exec(http("event page").get("/api/v1/events/#{eventId}").check(status().is(200), jsonPath("$.status").saveAs("eventStatus")))
            .doIf(session -> !"SOLD_OUT".equals(session.getString("eventStatus"))).then(exec(join, waitForAdmission,
                    doIf(session -> "ADMITTED".equals(session.getString("queueStatus"))).then(exec(admitted, hold, pay))));

    {
        setUp(flashSale.injectOpen(rampUsers(settings.users()).during(Duration.ofSeconds(settings.rampSeconds()))))
                .protocols(protocol)
                .assertions(global().failedRequests().percent().lt(1.0));
    }

    /** What a buyer whose first choice was refused asks for: any free seat (on a live map: clicking one that is free). */
    private static final String ANY_ONE_SEAT = "{\"best\":{\"quantity\":1}}";

    /**
     * The first choice: half the buyers ask for the best two seats; the others for one named seat, mostly in the first
     * section, picked without looking (so that named seats collide as they do when thousands click at once).
     */
    private String holdBody(Session session) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < settings.bestShare()) {
            return "{\"best\":{\"quantity\":2}}";
        }
        List<List<String>> sections = sale.seatIdsBySection();
        List<String> section = sections.get(random.nextDouble() < 0.7 ? 0 : random.nextInt(sections.size()));
        return "{\"seatIds\":[\"" + section.get(random.nextInt(section.size())) + "\"]}";
    }

    @Override
    public void after() {
        Invariants.Report invariants = settings.dbUrl().isBlank() ? null
                : Invariants.check(settings.dbUrl(), settings.dbUser(), settings.dbPassword(), Long.parseLong(sale.eventId()),
                Duration.ofSeconds(Integer.getInteger("settleSeconds", 180)));
        outcomes.write(settings, sale, watch.soldOutAt(), invariants);
    }
}
