package org.boxoffice.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Embedded mode without an SMTP server: each mail is written as an .eml file to the data directory's mail folder. */
class MailFolderTests extends IntegrationTest {

    @Test
    void withoutSmtpAConfirmationIsWrittenToTheMailFolder() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 1, 4)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        String email = "folder-" + UUID.randomUUID() + "@example.com";
        assertThat(api.post("/api/v1/auth/register", null, Map.of("email", email, "password", "plum-orbit-kettle-37",
                "displayName", "Folder Buyer")).status()).isEqualTo(201);
        String fan = api.post("/api/v1/auth/token", null, Map.of("email", email, "password", "plum-orbit-kettle-37"))
                .text("accessToken");
        String orderId = fixtures.buy(fan, eventId, fixtures.seatIds(eventId).subList(0, 1)).path("orderId").asString();

        Path mail = PAYMENT_CALLS.getParent().resolve("mail").resolve("order-confirmed-" + orderId + ".eml");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(mail));
        String message = Files.readString(mail);
        assertThat(message).contains("To: " + email, "Subject: Your tickets for", orderId, "A Row 1 Seat 1", "application/pdf",
                "Message-ID: <order-confirmed." + orderId + "@boxoffice>");
    }
}
