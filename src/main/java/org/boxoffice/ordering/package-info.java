/**
 * Checkout from a hold, payment orchestration, idempotency keys, cancellation and refunds. The database is
 * the final arbiter of who owns a seat.
 */
@NullMarked
package org.boxoffice.ordering;

import org.jspecify.annotations.NullMarked;
