package org.boxoffice.ticketing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.boxoffice.account.AccountService;
import org.boxoffice.account.Contact;
import org.boxoffice.ordering.IssuedTicket;
import org.boxoffice.ordering.OrderService;
import org.boxoffice.ticketing.internal.JdbcCheckins;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Who comes to an event: its valid tickets, their holders, and who has been let in. */
@Service
public class Attendance {
    private final OrderService orders;
    private final AccountService accounts;
    private final JdbcCheckins checkins;

    Attendance(OrderService orders, AccountService accounts, JdbcCheckins checkins) {
        this.orders = orders;
        this.accounts = accounts;
        this.checkins = checkins;
    }

    public record Attendee(String ticketId, String orderId, String seat, String holder, @Nullable String email,
                           @Nullable Instant checkedInAt) {
    }

    public record Counts(int tickets, int checkedIn) {
    }

    public Counts counts(long eventId) {
        return new Counts(orders.countValidTickets(eventId), checkins.count(eventId));
    }

    public List<Attendee> attendees(long eventId) {
        Map<String, Instant> checkedIn = checkins.ofEvent(eventId);
        return orders.validTickets(eventId).stream().map(ticket -> attendee(ticket, checkedIn.get(ticket.ticketId()))).toList();
    }

    private Attendee attendee(IssuedTicket ticket, @Nullable Instant checkedInAt) {
        Contact holder = accounts.contact(ticket.userId()).orElse(new Contact(ticket.userId(), null, ticket.userId()));
        return new Attendee(ticket.ticketId(), ticket.orderId(), ticket.label(), holder.displayName(), holder.email(), checkedInAt);
    }
}
