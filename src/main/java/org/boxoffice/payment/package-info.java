/**
 * Payments behind the port {@link org.boxoffice.payment.PaymentGateway}; a simulated gateway with a ledger
 * is built in, real providers plug in beside it.
 */
@NullMarked
package org.boxoffice.payment;

import org.jspecify.annotations.NullMarked;
