package org.boxoffice.notification.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.boxoffice.account.AccountService;
import org.boxoffice.account.Contact;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Event;
import org.boxoffice.ordering.Order;
import org.boxoffice.ordering.OrderCancelled;
import org.boxoffice.ordering.OrderConfirmed;
import org.boxoffice.ordering.OrderService;
import org.boxoffice.ordering.OrderStatus;
import org.boxoffice.ordering.PaymentRefunded;
import org.boxoffice.shared.Money;
import org.boxoffice.shared.Timestamps;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

/**
 * The buyer's mails about an order. Each runs after its event's transaction committed, in a transaction of its own on
 * the mails' two threads ({@link MailThreads}: an application module listener with its own executor); an exception
 * (SMTP down) leaves the event incomplete in the registry, and {@link RetryingMails} delivers it again.
 */
@Component
class OrderMails {
    private static final Logger log = LoggerFactory.getLogger(OrderMails.class);

    private final OrderService orders;
    private final CatalogService catalog;
    private final AccountService accounts;
    private final MailTemplates templates;
    private final TicketAttachments attachments;
    private final SentMails sent;
    private final Mailbox mailbox;
    private final MailSettings settings;
    private final Clock clock;

    OrderMails(OrderService orders, CatalogService catalog, AccountService accounts, MailTemplates templates,
               TicketAttachments attachments, SentMails sent, Mailbox mailbox, MailSettings settings, Clock clock) {
        this.orders = orders;
        this.catalog = catalog;
        this.accounts = accounts;
        this.templates = templates;
        this.attachments = attachments;
        this.sent = sent;
        this.mailbox = mailbox;
        this.settings = settings;
        this.clock = clock;
    }

    @Async(MailThreads.NAME)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @TransactionalEventListener
    void on(OrderConfirmed confirmed) {
        send("order-confirmed", confirmed.orderId(), confirmed.userId(), OrderStatus.CONFIRMED);
    }

    @Async(MailThreads.NAME)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @TransactionalEventListener
    void on(OrderCancelled cancelled) {
        send("order-cancelled", cancelled.orderId(), cancelled.userId(), OrderStatus.CANCELLED);
    }

    @Async(MailThreads.NAME)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @TransactionalEventListener
    void on(PaymentRefunded refunded) {
        send("payment-refunded", refunded.orderId(), refunded.userId(), null);
    }

    /** Sends the mail of this kind for the order once, if the order is (still) in the state the mail speaks of. */
    private void send(String kind, String orderId, String userId, @Nullable OrderStatus expected) {
        Contact buyer = accounts.contact(userId).orElse(null);
        if (buyer == null || buyer.email() == null) {
            log.debug("No {} mail for order {}: its buyer has no e-mail address", kind, orderId);
            return;
        }
        Order order = orders.order(userId, orderId);
        if (expected != null && order.status() != expected) {
            log.info("No {} mail for order {}: it is {} now", kind, orderId, order.status());
            return;
        }
        String key = kind + ":" + orderId;
        if (!sent.take(key, clock.instant())) {
            log.info("The {} mail of order {} was sent before", kind, orderId);
            return;
        }
        Event event = catalog.requireEvent(order.eventId());
        Map<String, Object> model = model(order, event, buyer);
        List<Mail.Attachment> files = "order-confirmed".equals(kind) ? attachments.of(order, event, buyer) : List.of();
        mailbox.send(new Mail(key, buyer.email(), templates.subject(kind, model), templates.text(kind, model),
                templates.html(kind, model), files));
    }

    private Map<String, Object> model(Order order, Event event, Contact buyer) {
        List<Map<String, Object>> seats = new ArrayList<>();
        for (Order.Ticket ticket : orders.seatsOf(order)) {
            seats.add(Map.of("label", ticket.label(), "price", money(ticket.price())));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("buyer", buyer.displayName());
        model.put("orderId", order.orderId());
        model.put("event", event.name());
        model.put("venue", event.venueName());
        model.put("startsAt", Timestamps.forPeople(event.startsAt()));
        model.put("seats", seats);
        model.put("total", money(order.total()));
        model.put("ticketsUrl", settings.linkBase() + "/tickets.html?order=" + order.orderId());
        model.put("ordersUrl", settings.linkBase() + "/orders.html");
        model.put("seatsLost", order.status() == OrderStatus.FAILED);
        model.put("refund", order.refund() == null ? money(order.total()) : money(order.refund().amount()));
        return model;
    }

    private static String money(Money money) {
        return money.amount().toPlainString() + " " + money.currency();
    }
}
