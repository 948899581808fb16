/**
 * Per-event seat state: holds with exact expiry, extension, release, best-available selection, sale and
 * return of seats, and availability snapshots. Port {@link org.boxoffice.inventory.SeatInventory}.
 */
@NullMarked
package org.boxoffice.inventory;

import org.jspecify.annotations.NullMarked;
