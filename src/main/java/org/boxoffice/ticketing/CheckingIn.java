package org.boxoffice.ticketing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.ordering.IssuedTicket;
import org.boxoffice.ordering.OrderService;
import org.boxoffice.ordering.TicketsAtTheDoor;
import org.boxoffice.ticketing.internal.JdbcCheckins;
import org.boxoffice.ticketing.internal.TicketCodes;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * A scan at the door: the code's signature and time window, the event's rules, the ticket's state, then the ticket
 * is let in exactly once, however many scanners submit it at the same moment.
 */
@Service
public class CheckingIn implements TicketsAtTheDoor {
    private final TicketCodes codes;
    private final OrderService orders;
    private final CatalogService catalog;
    private final JdbcCheckins checkins;
    private final Clock clock;

    CheckingIn(TicketCodes codes, OrderService orders, CatalogService catalog, JdbcCheckins checkins, Clock clock) {
        this.codes = codes;
        this.orders = orders;
        this.catalog = catalog;
        this.checkins = checkins;
        this.clock = clock;
    }

    /** Lets the ticket in; {@code doorEventId}, when given, is the event this door admits to. */
    public CheckedIn checkIn(String barcode, @Nullable Long doorEventId, String scannerId) {
        Instant now = clock.instant();
        TicketCodes.ScannedCode code = codes.read(barcode, now);
        IssuedTicket ticket = orders.issuedTicket(code.ticketId()).filter(t -> t.eventId() == code.eventId())
                .orElseThrow(() -> new TicketingRefusal.TicketNotFound(code.ticketId()).refused());
        if (code.fixed() && !catalog.requireEvent(ticket.eventId()).staticTicketCodes()) {
            throw new TicketingRefusal.StaticCodeNotAllowed(ticket.eventId()).refused();
        }
        if (doorEventId != null && doorEventId != ticket.eventId()) {
            throw new TicketingRefusal.WrongEvent(ticket.ticketId(), doorEventId).refused();
        }
        if (!ticket.valid()) {
            throw new TicketingRefusal.TicketCancelled(ticket.ticketId()).refused();
        }
        try {
            checkins.insert(ticket.ticketId(), ticket.eventId(), now, scannerId);
        } catch (DuplicateKeyException scannedBefore) {
            throw new TicketingRefusal.AlreadyCheckedIn(ticket.ticketId(),
                    checkins.checkedInAt(ticket.ticketId()).orElse(now)).refused();
        }
        return new CheckedIn(ticket.ticketId(), ticket.eventId(), ticket.label(), now);
    }

    @Override
    public boolean anyCheckedIn(List<String> ticketIds) {
        return checkins.anyOf(ticketIds);
    }

    /** How many of the event's tickets were let in. */
    public int checkedIn(long eventId) {
        return checkins.count(eventId);
    }
}
