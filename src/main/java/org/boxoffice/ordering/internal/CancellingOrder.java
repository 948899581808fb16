package org.boxoffice.ordering.internal;

import java.time.Clock;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.inventory.Hold;
import org.boxoffice.inventory.SellingSeats;
import org.boxoffice.ordering.Order;
import org.boxoffice.ordering.OrderStatus;
import org.boxoffice.ordering.OrderingRefusal;
import org.boxoffice.shared.Refused;
import org.boxoffice.ordering.OrderCancelled;
import org.boxoffice.ordering.TicketsAtTheDoor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Cancellation: the order turns CANCELLED and its seats are for sale again in one transaction; the refund
 * follows, keyed by the order id so that it happens once however often cancel is called.
 */
@Component
public class CancellingOrder {
    private final JdbcOrders orders;
    private final SellingSeats inventory;
    private final CatalogService catalog;
    private final Refunds refunds;
    private final OrderMetrics metrics;
    private final ApplicationEventPublisher events;
    private final SingletonSupplier<TicketsAtTheDoor> door;
    private final Clock clock;

    CancellingOrder(JdbcOrders orders, SellingSeats inventory, CatalogService catalog, Refunds refunds,
                    OrderMetrics metrics, ApplicationEventPublisher events, ObjectProvider<TicketsAtTheDoor> door, Clock clock) {
        this.events = events;
        this.door = SingletonSupplier.of(door::getIfAvailable);
        this.orders = orders;
        this.inventory = inventory;
        this.catalog = catalog;
        this.refunds = refunds;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Order cancel(Order order) {
        if (order.status() == OrderStatus.CONFIRMED) {
            if (catalog.requireEvent(order.eventId()).started(clock.instant())) {
                throw notCancellable("the event has started");
            }
            TicketsAtTheDoor door = this.door.get();
            if (door != null && door.anyCheckedIn(order.tickets().stream().map(Order.Ticket::ticketId).toList())) {
                throw notCancellable("a ticket of this order was let in at the door");
            }
            Hold hold = inventory.storedHold(order.holdId()).orElseThrow();
            if (inventory.returnSold(hold, () -> cancelled(order))) {
                metrics.cancelled();
            }
        } else if (order.status() != OrderStatus.CANCELLED) {
            throw notCancellable("only confirmed orders can be cancelled; this one is " + order.status());
        }
        refunds.settle(order.orderId());
        return orders.find(order.orderId()).orElseThrow();
    }

    /** The order's half of a cancellation, in the inventory's transaction: the event is stored with it. */
    private boolean cancelled(Order order) {
        if (!orders.cancel(order.orderId(), clock.instant())) {
            return false;
        }
        events.publishEvent(new OrderCancelled(order.orderId(), order.userId(), order.eventId()));
        return true;
    }

    private static Refused notCancellable(String why) {
        return new OrderingRefusal.NotCancellable(why).refused();
    }
}
