package org.boxoffice.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.BoxofficeApplication;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.Fixtures;
import org.boxoffice.support.NodeProcess;
import org.boxoffice.support.Servers;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node killed (SIGKILL) while a confirmation mail could not go out (SMTP down): the node started after it sends the
 * mail, once. The event publication registry kept the event with the sale; a starting node delivers what was left.
 */
class MailAcrossRestartTests {
    private GreenMail smtp;
    private ConfigurableApplicationContext node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aConfirmationNotSentBeforeTheNodeWasKilledIsSentOnceByTheNodeStartedAfter() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")).toAbsolutePath(), "restart-");
        int smtpPort = Servers.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

        // a node process of its own, so that it can die by SIGKILL; SMTP is down
        Map<String, String> settings = new HashMap<>();
        properties(data, smtpPort).forEach((key, value) -> settings.put(key, String.valueOf(value)));
        settings.remove("server.port");
        settings.remove("management.server.port");
        String orderId;
        String email = "restart-" + UUID.randomUUID() + "@example.com";
        try (NodeProcess first = NodeProcess.start(List.of("-Xmx384m"), settings, Duration.ofSeconds(90))) {
            ApiClient api = first.api();
            Fixtures fixtures = new Fixtures(api, Instant::now);
            String eventId = fixtures.event(fixtures.venue(1, 1, 4)).onSaleAt(Instant.now().minusSeconds(60)).create();
            assertThat(api.post("/api/v1/auth/register", null, Map.of("email", email, "password", "plum-orbit-kettle-37",
                    "displayName", "Restart Buyer")).status()).isEqualTo(201);
            String fan = api.post("/api/v1/auth/token", null, Map.of("email", email, "password", "plum-orbit-kettle-37"))
                    .text("accessToken");
            orderId = fixtures.buy(fan, eventId, fixtures.seatIds(eventId).subList(0, 1)).path("orderId").asString();
            // the fault happened: the listener tried, could not reach the server, and left the event incomplete
            await().atMost(Duration.ofSeconds(30)).until(() -> first.log().contains("Leaving event publication uncompleted"));
            first.kill();
        }

        smtp.start();
        node = start(data, smtpPort);
        assertThat(smtp.waitForIncomingEmail(20_000, 1)).as("the mail, sent by the node started after the kill").isTrue();
        assertThat(smtp.getReceivedMessages()[0].getSubject()).contains(orderId);
        assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo(email);
        String sent = orderId;
        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(node.getBean(JdbcClient.class), sent) == null);
        assertThat(smtp.waitForIncomingEmail(1_500, 2)).as("a second mail").isFalse();
    }

    /** The mail's publication status while it is incomplete; null once completed. */
    private static String statusOf(JdbcClient jdbc, String orderId) {
        return jdbc.sql("""
                SELECT status FROM event_publication WHERE completion_date IS NULL AND listener_id LIKE '%OrderMails%'
                AND serialized_event LIKE :order
                """).param("order", "%" + orderId + "%").query(String.class).optional().orElse(null);
    }

    private static Map<String, Object> properties(Path data, int smtpPort) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("boxoffice.data-dir", data.toString());
        properties.put("boxoffice.demo-data", "false");
        properties.put("boxoffice.jwt.trusted.issuer", TestTokens.ISSUER);
        properties.put("boxoffice.jwt.trusted.public-key", TestTokens.publicKeyPem());
        properties.put("boxoffice.http.trusted-hosts", "localhost,127.0.0.1");
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", String.valueOf(smtpPort));
        properties.put("boxoffice.mail.retry-after", "1h");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "3s");
        return properties;
    }

    private static ConfigurableApplicationContext start(Path data, int smtpPort) {
        // as command-line arguments, which outrank application.yml (builder properties would not)
        String[] args = properties(data, smtpPort).entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(BoxofficeApplication.class).run(args);
    }

}
