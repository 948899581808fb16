package org.boxoffice.payment.simulated;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.boxoffice.payment.ChargeResult;
import org.boxoffice.payment.PaymentGateway;
import org.boxoffice.payment.RefundResult;
import org.boxoffice.shared.Money;
import org.boxoffice.shared.TimeOrderedIds;
import org.boxoffice.shared.Timestamps;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The built-in gateway for development and tests. Test tokens: {@code tok_visa} succeeds, {@code tok_declined}
 * is declined, {@code tok_slow} succeeds after a delay, {@code tok_error} fails with nothing charged, and
 * {@code tok_visa_<name>} succeeds as a card of its own (to try limits per card), and {@code tok_lagging} is charged at
 * once but answered only after the delay (a gateway whose answer is late: the charge exists while the checkout still
 * waits). Any other token is declined. Captures and refunds go to a persistent ledger, one of each per order at most.
 */
@Component
class SimulatedPaymentGateway implements PaymentGateway {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration slowDelay;

    SimulatedPaymentGateway(JdbcClient jdbc, Clock clock, PaymentSettings settings) {
        Duration slowDelay = settings.slowDelay();
        this.jdbc = jdbc;
        this.clock = clock;
        this.slowDelay = slowDelay;
    }

    /**
     * A second charge of an order answers with the first capture: the ledger's unique entry per order makes a capture
     * answer with the existing one, so the succeeding tokens need no read first.
     */
    @Override
    public ChargeResult charge(String orderId, Money amount, String token) {
        String card = token.startsWith("tok_visa_") ? "tok_visa" : token;
        return switch (card) {
            case "tok_visa" -> new ChargeResult.Captured(record(orderId, "CHARGE", amount));
            case "tok_slow" -> {
                pause();
                yield new ChargeResult.Captured(record(orderId, "CHARGE", amount));
            }
            case "tok_lagging" -> {
                ChargeResult captured = new ChargeResult.Captured(record(orderId, "CHARGE", amount));
                pause();
                yield captured;
            }
            default -> entry(orderId, "CHARGE").<ChargeResult>map(ChargeResult.Captured::new).orElseGet(() -> refusal(card));
        };
    }

    private static ChargeResult refusal(String card) {
        return switch (card) {
            case "tok_error" -> new ChargeResult.GatewayError("simulated gateway failure");
            case "tok_declined" -> new ChargeResult.Declined("card declined");
            default -> new ChargeResult.Declined("unknown test token");
        };
    }

    /** Each test token stands for one card. */
    @Override
    public Optional<String> fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("card:" + token).getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public RefundResult refund(String orderId) {
        Optional<Money> captured = capturedAmount(orderId);
        if (captured.isEmpty()) {
            return new RefundResult.NothingToRefund();
        }
        Optional<String> existing = entry(orderId, "REFUND");
        return new RefundResult.Refunded(existing.orElseGet(() -> record(orderId, "REFUND", captured.get())));
    }

    @Override
    public Optional<Money> capturedAmount(String orderId) {
        return jdbc.sql("SELECT amount, currency FROM payment_ledger WHERE order_id = :order AND kind = 'CHARGE'")
                .param("order", orderId)
                .query((rs, n) -> new Money(rs.getBigDecimal("amount"), rs.getString("currency")))
                .optional();
    }

    private Optional<String> entry(String orderId, String kind) {
        return jdbc.sql("SELECT id FROM payment_ledger WHERE order_id = :order AND kind = :kind")
                .param("order", orderId).param("kind", kind).query(String.class).optional();
    }

    private String record(String orderId, String kind, Money amount) {
        String id = TimeOrderedIds.next();
        try {
            jdbc.sql("""
                    INSERT INTO payment_ledger (id, order_id, kind, amount, currency, created_at)
                    VALUES (:id, :order, :kind, :amount, :currency, :now)
                    """)
                    .param("id", id).param("order", orderId).param("kind", kind).param("amount", amount.amount())
                    .param("currency", amount.currency()).param("now", Timestamps.utc(clock.instant()))
                    .update();
            return id;
        } catch (DuplicateKeyException e) {
            // a concurrent call for the same order won; the ledger keeps exactly one entry
            return entry(orderId, kind).orElseThrow();
        }
    }

    private void pause() {
        try {
            Thread.sleep(slowDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
