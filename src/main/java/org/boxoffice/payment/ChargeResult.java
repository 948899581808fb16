package org.boxoffice.payment;

/** What the gateway said about a charge. */
public sealed interface ChargeResult {
    record Captured(String paymentId) implements ChargeResult {
    }

    record Declined(String reason) implements ChargeResult {
    }

    /** The gateway failed; nothing was charged. */
    record GatewayError(String reason) implements ChargeResult {
    }
}
