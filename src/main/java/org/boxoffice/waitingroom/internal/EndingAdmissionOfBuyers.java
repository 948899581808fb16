package org.boxoffice.waitingroom.internal;

import org.boxoffice.catalog.CatalogService;
import org.boxoffice.ordering.OrderConfirmed;
import org.boxoffice.waitingroom.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A buyer who has bought leaves the room's active buyers at once. Otherwise the place stays taken until the admission
 * runs out (15 minutes), and with {@code maxActiveUsers} places the room admits no more than that many per admission
 * time, whatever its rate: a load test admitted 5,000 buyers and then nobody for a quarter of an hour. The buyer's
 * admission token stays valid until it expires, so a second purchase within it still works.
 */
@Component
class EndingAdmissionOfBuyers {
    private static final Logger log = LoggerFactory.getLogger(EndingAdmissionOfBuyers.class);

    private final CatalogService catalog;
    private final Queues queues;

    EndingAdmissionOfBuyers(CatalogService catalog, Queues queues) {
        this.catalog = catalog;
        this.queues = queues;
    }

    @ApplicationModuleListener
    void on(OrderConfirmed confirmed) {
        try {
            if (catalog.event(confirmed.eventId()).filter(event -> event.waitingRoom().enabled()).isPresent()) {
                queues.finish(confirmed.eventId(), confirmed.userId());
            }
        } catch (RuntimeException e) {
            // the order stands; the place frees itself when the admission runs out
            log.warn("Could not end the admission of {} after order {}: {}", confirmed.userId(), confirmed.orderId(), e.getMessage());
        }
    }
}
