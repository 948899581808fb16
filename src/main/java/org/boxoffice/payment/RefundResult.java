package org.boxoffice.payment;

public sealed interface RefundResult {
    record Refunded(String refundId) implements RefundResult {
    }

    record NothingToRefund() implements RefundResult {
    }

    record GatewayError(String reason) implements RefundResult {
    }
}
