package org.boxoffice.inventory.internal;

import org.boxoffice.inventory.InventoryService;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tidies expired holds: records them and counts them. Expiry itself does not wait for this; every read and
 * write already treats a hold as gone at its expiresAt.
 */
@Component
class ExpiringHolds {
    private final InventoryService inventory;

    ExpiringHolds(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Scheduled(fixedDelayString = "${boxoffice.inventory.sweep-interval}")
    void sweep() {
        inventory.expireDueHolds();
    }
}
