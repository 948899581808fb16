package org.boxoffice.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.boxoffice.ordering.OrderConfirmed;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestPayments;
import org.boxoffice.support.Servers;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The buyers' mails, received by a real SMTP server (GreenMail) that the tests stop and start: one confirmation per
 * order with the tickets as PDF, also when the server was down when the order committed; cancellation and refund.
 */
class OrderMailsTests extends IntegrationTest {
    private static final int SMTP_PORT = Servers.freePort();
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Autowired
    IncompleteEventPublications incomplete;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        // the tests deliver incomplete events themselves (as RetryingMails does every retry-after)
        registry.add("boxoffice.mail.retry-after", () -> "1h");
    }

    @BeforeEach
    void smtpUpAndEmpty() throws Exception {
        if (!SMTP.isRunning()) {
            SMTP.start();
        }
        SMTP.purgeEmailFromAllMailboxes();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void aConfirmedOrderGetsOneMailNamingTheOrderTheEventAndEverySeatWithItsTicketsAsPdf() throws Exception {
        Bought bought = buy(2);

        MimeMessage mail = onlyMailTo(bought.email());
        assertThat(mail.getSubject()).isEqualTo("Your tickets for " + bought.eventName() + " (order " + bought.orderId() + ")");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains(bought.orderId(), bought.eventName(), "A Row 1 Seat 1", "A Row 1 Seat 2");
        BodyPart pdf = attachment(mail, "application/pdf");
        assertThat(pdf.getFileName()).isEqualTo("tickets-" + bought.orderId() + ".pdf");
        try (var document = Loader.loadPDF(pdf.getInputStream().readAllBytes())) {
            assertThat(document.getNumberOfPages()).as("a page per ticket").isEqualTo(2);
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains(bought.eventName().replace(" ", ""), "ARow1Seat2", "JoséMüller", bought.orderId());
        }

        // the same event delivered again (a retry, a restart, another node): no second mail
        transactions.executeWithoutResult(tx -> events.publishEvent(new OrderConfirmed(bought.orderId(), bought.userId(),
                Long.parseLong(bought.eventId()))));
        resubmitIncompleteEvents();
        assertThat(SMTP.waitForIncomingEmail(1_500, 2)).as("a second mail").isFalse();
    }

    @Test
    void aConfirmationWhoseSmtpServerWasDownAtCommitIsSentOnceTheServerIsBack() throws Exception {
        SMTP.stop();
        Bought bought = buy(1);
        // the fault happened: the mail's event is stored and failed (its listener could not reach the server)
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(statusOf(bought.orderId())));
        String firstFailure = publicationOf(bought.orderId());
        resubmitIncompleteEvents();
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(statusOf(bought.orderId()))
                && !publicationOf(bought.orderId()).equals(firstFailure));
        assertThat(incompleteMailsOf(bought.orderId())).as("still not sent while the server is down").isEqualTo(1);
        assertThat(SMTP.getReceivedMessages()).isEmpty();

        SMTP.start();
        resubmitIncompleteEvents();
        MimeMessage mail = onlyMailTo(bought.email());
        assertThat(mail.getSubject()).contains(bought.orderId());
        await().atMost(Duration.ofSeconds(20)).until(() -> incompleteMailsOf(bought.orderId()) == 0);
        resubmitIncompleteEvents();
        assertThat(SMTP.waitForIncomingEmail(1_500, 2)).as("a second mail").isFalse();
    }

    @Test
    void aCancellationAndItsRefundAreMailedOnceEach() throws Exception {
        Bought bought = buy(1);
        onlyMailTo(bought.email());
        SMTP.purgeEmailFromAllMailboxes();

        assertThat(api.post("/api/v1/orders/" + bought.orderId() + "/cancel", bought.fan(), Map.of()).status()).isEqualTo(200);

        assertThat(SMTP.waitForIncomingEmail(10_000, 2)).isTrue();
        List<String> subjects = new ArrayList<>();
        for (MimeMessage mail : SMTP.getReceivedMessages()) {
            subjects.add(mail.getSubject());
            assertThat(GreenMailUtil.getBody(mail)).contains(bought.orderId(), "A Row 1 Seat 1");
        }
        assertThat(subjects).containsExactlyInAnyOrder("Order " + bought.orderId() + " cancelled: " + bought.eventName(),
                "Refund paid for order " + bought.orderId() + ": " + bought.eventName());
        assertThat(SMTP.waitForIncomingEmail(1_000, 3)).as("a third mail").isFalse();
    }

    @Test
    void aBuyerWhoseSeatsWereLostWhileTheChargeWentThroughIsToldTheMoneyCameBack() throws Exception {
        Buyer buyer = newBuyer();
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        ApiClient.Response hold = fixtures.hold(buyer.token(), eventId, fixtures.seatIds(eventId).subList(0, 2));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            TestPayments.Gate gate = TestPayments.gate();
            Future<ApiClient.Response> checkout = pool.submit(() -> fixtures.checkout(buyer.token(), hold.text("holdId"), "tok_gated",
                    UUID.randomUUID().toString()));
            assertThat(gate.awaitCall()).as("the charge is in flight").isTrue();
            CLOCK.set(Instant.parse(hold.text("expiresAt"))); // the hold runs out while the card is charged
            gate.open();
            assertThat(checkout.get(30, TimeUnit.SECONDS).problemType()).isEqualTo("hold-expired");
        } finally {
            pool.shutdownNow();
        }

        assertThat(SMTP.waitForIncomingEmail(15_000, 1)).isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).startsWith("Your payment was refunded: the seats for ");
        assertThat(plainText(mail)).contains("were\ntaken by someone else", "A Row 1 Seat 1", "A Row 1 Seat 2",
                "has been paid back to your card");
        assertThat(SMTP.waitForIncomingEmail(1_500, 2)).as("a second mail (no confirmation for a failed order)").isFalse();
    }

    private record Bought(String fan, String userId, String email, String orderId, String eventId, String eventName) {
    }

    private record Buyer(String token, String email) {
    }

    private Buyer newBuyer() {
        String email = "buyer-" + UUID.randomUUID() + "@example.com";
        assertThat(api.post("/api/v1/auth/register", null, Map.of("email", email, "password", "plum-orbit-kettle-37",
                "displayName", "José Müller")).status()).isEqualTo(201);
        return new Buyer(api.post("/api/v1/auth/token", null, Map.of("email", email, "password", "plum-orbit-kettle-37"))
                .text("accessToken"), email);
    }

    private Bought buy(int seats) {
        String eventId = fixtures.event(fixtures.venue(1, 1, 10)).onSaleAt(CLOCK.instant().minusSeconds(60)).create();
        String eventName = api.get("/api/v1/events/" + eventId, null).text("name");
        Buyer buyer = newBuyer();
        JsonNode order = fixtures.buy(buyer.token(), eventId, fixtures.seatIds(eventId).subList(0, seats));
        return new Bought(buyer.token(), TestTokens.subjectOf(buyer.token()), buyer.email(), order.path("orderId").asString(),
                eventId, eventName);
    }

    private MimeMessage onlyMailTo(String email) throws Exception {
        assertThat(SMTP.waitForIncomingEmail(15_000, 1)).as("a mail arrived").isTrue();
        MimeMessage[] received = SMTP.getReceivedMessagesForDomain("example.com");
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(email);
        return received[0];
    }

    /** The mail's text/plain body, decoded (the raw body is quoted-printable, its long lines broken). */
    private static String plainText(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString().replace("\r\n", "\n");
        }
        if (part.getContent() instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                String text = plainText(parts.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static BodyPart attachment(MimeMessage mail, String contentType) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getContentType().startsWith(contentType)) {
                return parts.getBodyPart(i);
            }
        }
        throw new AssertionError("no " + contentType + " attachment");
    }

    private long incompleteMailsOf(String orderId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM event_publication
                WHERE completion_date IS NULL AND listener_id LIKE '%OrderMails%' AND serialized_event LIKE :order
                """).param("order", "%" + orderId + "%").query(Long.class).single();
    }

    /** What RetryingMails does every retry-after; the registry reads the service's clock, which the tests move. */
    private void resubmitIncompleteEvents() {
        CLOCK.advance(Duration.ofSeconds(1));
        incomplete.resubmitIncompletePublicationsOlderThan(Duration.ZERO);
    }

    /** The mail's publication row as text: its status, attempts and resubmission time. */
    private String publicationOf(String orderId) {
        return jdbc.sql("""
                SELECT status, completion_attempts, last_resubmission_date FROM event_publication
                WHERE listener_id LIKE '%OrderMails%' AND serialized_event LIKE :order
                """).param("order", "%" + orderId + "%")
                .query((rs, n) -> rs.getString(1) + " " + rs.getObject(2) + " " + rs.getObject(3)).single();
    }

    private String statusOf(String orderId) {
        return jdbc.sql("""
                SELECT status FROM event_publication WHERE listener_id LIKE '%OrderMails%' AND serialized_event LIKE :order
                """).param("order", "%" + orderId + "%").query(String.class).optional().orElse(null);
    }

}
