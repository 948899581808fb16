/**
 * Tickets at the door: signed codes (rotating every 15 seconds, or static for print where the event allows it), their
 * QR images, the service's public key for offline checks, and check-in exactly once.
 */
@NullMarked
package org.boxoffice.ticketing;

import org.jspecify.annotations.NullMarked;
