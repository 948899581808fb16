package org.boxoffice.payment;

import java.util.Optional;
import org.boxoffice.shared.Money;

/**
 * A payment provider. Every call carries the order id as idempotency key: charging or refunding an order
 * twice has the effect of once.
 */
public interface PaymentGateway {

    ChargeResult charge(String orderId, Money amount, String token);

    /** Refunds the order's captured charge in full; a second refund of the same order does nothing. */
    RefundResult refund(String orderId);

    /** The captured charge of an order, if any; used to settle orders whose outcome was lost. */
    Optional<Money> capturedAmount(String orderId);

    /**
     * The same value for every token of one card (providers call it the card's fingerprint), so that limits per
     * payment instrument can be kept; empty when the provider cannot tell.
     */
    Optional<String> fingerprint(String token);
}
