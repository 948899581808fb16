package org.boxoffice.ordering.internal;

import java.time.Clock;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.inventory.Hold;
import org.boxoffice.inventory.SellingSeats;
import org.boxoffice.ordering.Order;
import org.boxoffice.ordering.OrderStatus;
import org.boxoffice.ordering.OrderingRefusal;
import org.boxoffice.shared.Refused;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate transactions;
    private final OrderMetrics metrics;
    private final Clock clock;

    CancellingOrder(JdbcOrders orders, SellingSeats inventory, CatalogService catalog, Refunds refunds,
                    TransactionTemplate transactions, OrderMetrics metrics, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.catalog = catalog;
        this.refunds = refunds;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Order cancel(Order order) {
        if (order.status() == OrderStatus.CONFIRMED) {
            if (catalog.requireEvent(order.eventId()).started(clock.instant())) {
                throw notCancellable("the event has started");
            }
            Hold hold = inventory.storedHold(order.holdId()).orElseThrow();
            boolean cancelled = Boolean.TRUE.equals(transactions.execute(tx -> {
                if (!orders.cancel(order.orderId(), clock.instant())) {
                    return false;
                }
                inventory.returnSeats(hold);
                return true;
            }));
            if (cancelled) {
                inventory.returnCommitted(hold);
                metrics.cancelled();
            }
        } else if (order.status() != OrderStatus.CANCELLED) {
            throw notCancellable("only confirmed orders can be cancelled; this one is " + order.status());
        }
        refunds.settle(order.orderId());
        return orders.find(order.orderId()).orElseThrow();
    }

    private static Refused notCancellable(String why) {
        return new OrderingRefusal.NotCancellable(why).refused();
    }
}
