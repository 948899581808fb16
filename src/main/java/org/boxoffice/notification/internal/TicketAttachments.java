package org.boxoffice.notification.internal;

import java.util.List;
import org.boxoffice.account.Contact;
import org.boxoffice.catalog.Event;
import org.boxoffice.ordering.Order;
import org.boxoffice.ticketing.TicketPrints;
import org.springframework.stereotype.Component;

/** The confirmation's attachment: the tickets as a PDF. */
@Component
class TicketAttachments {
    private final TicketPrints prints;

    TicketAttachments(TicketPrints prints) {
        this.prints = prints;
    }

    List<Mail.Attachment> of(Order order, Event event, Contact buyer) {
        return List.of(new Mail.Attachment("tickets-" + order.orderId() + ".pdf", "application/pdf",
                prints.pdf(order, event, buyer.displayName())));
    }
}
