package org.boxoffice.ticketing.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.boxoffice.account.AccountService;
import org.boxoffice.account.Contact;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.ordering.IssuedTicket;
import org.boxoffice.ordering.Order;
import org.boxoffice.ordering.OrderStatus;
import org.boxoffice.ordering.OrderService;
import org.boxoffice.ticketing.TicketPrints;
import org.boxoffice.ticketing.TicketingRefusal;
import org.boxoffice.ticketing.internal.PublicTicketKey;
import org.boxoffice.ticketing.internal.QrImages;
import org.boxoffice.ticketing.internal.TicketCodes;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A buyer's ticket codes (the one valid now, as text and as a QR image) and the public key that checks them. */
@RestController
class TicketController {
    private final OrderService orders;
    private final CatalogService catalog;
    private final TicketCodes codes;
    private final PublicTicketKey publicKey;
    private final TicketPrints prints;
    private final AccountService accounts;
    private final Clock clock;

    TicketController(OrderService orders, CatalogService catalog, TicketCodes codes, PublicTicketKey publicKey,
                     TicketPrints prints, AccountService accounts, Clock clock) {
        this.prints = prints;
        this.accounts = accounts;
        this.orders = orders;
        this.catalog = catalog;
        this.codes = codes;
        this.publicKey = publicKey;
        this.clock = clock;
    }

    record TicketCode(String ticketId, String payload, Instant validFrom, Instant validUntil, long rotatesEverySeconds,
                      @Nullable String staticPayload) {
    }

    record TicketKey(String algorithm, String publicKey, String format, long stepSeconds, int stepsOfTolerance) {
    }

    /** The code valid now; the static one too where the event allows print. The page asks again when it runs out. */
    @GetMapping(path = "/api/v1/orders/{orderId}/tickets/{ticketId}/code", produces = "application/json")
    ResponseEntity<TicketCode> code(@PathVariable String orderId, @PathVariable String ticketId, @AuthenticationPrincipal Jwt caller) {
        IssuedTicket ticket = validTicket(caller, orderId, ticketId);
        TicketCodes.RotatingCode now = codes.rotating(ticket.ticketId(), ticket.eventId(), clock.instant());
        String fixed = catalog.requireEvent(ticket.eventId()).staticTicketCodes() ? codes.fixed(ticket.ticketId(), ticket.eventId()) : null;
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new TicketCode(ticket.ticketId(), now.payload(), now.validFrom(), now.validUntil(),
                        TicketCodes.STEP.getSeconds(), fixed));
    }

    /** The QR image of the code valid now, or with {@code kind=static} of the static code where the event allows it. */
    @GetMapping(path = "/api/v1/orders/{orderId}/tickets/{ticketId}/qr", produces = "image/png")
    ResponseEntity<byte[]> qr(@PathVariable String orderId, @PathVariable String ticketId,
                              @RequestParam(defaultValue = "rotating") String kind, @AuthenticationPrincipal Jwt caller) {
        IssuedTicket ticket = validTicket(caller, orderId, ticketId);
        String payload;
        if ("static".equals(kind)) {
            if (!catalog.requireEvent(ticket.eventId()).staticTicketCodes()) {
                throw new TicketingRefusal.StaticCodeNotAllowed(ticket.eventId()).refused();
            }
            payload = codes.fixed(ticket.ticketId(), ticket.eventId());
        } else {
            payload = codes.rotating(ticket.ticketId(), ticket.eventId(), clock.instant()).payload();
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore()).body(QrImages.png(payload));
    }

    /** The order's tickets as a PDF, a page per ticket with its static code (where the event allows static codes). */
    @GetMapping(path = "/api/v1/orders/{orderId}/tickets.pdf", produces = "application/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String orderId, @AuthenticationPrincipal Jwt caller) {
        Order order = orders.order(caller.getSubject(), orderId);
        if (order.status() != OrderStatus.CONFIRMED) {
            throw new TicketingRefusal.TicketCancelled(orderId).refused(); // no valid tickets to print
        }
        String holder = accounts.contact(caller.getSubject()).map(Contact::displayName).orElse(caller.getSubject());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tickets-" + orderId + ".pdf\"")
                .body(prints.pdf(order, catalog.requireEvent(order.eventId()), holder));
    }

    /** What a scanner needs to check codes offline: the Ed25519 public key (X.509 SubjectPublicKeyInfo, Base64). */
    @GetMapping(path = "/api/v1/tickets/public-key", produces = "application/json")
    TicketKey publicKey() {
        return new TicketKey("Ed25519", Base64.getEncoder().encodeToString(publicKey.encoded()),
                "BO1.{ticketId}.{eventId}.{window}.{signature}: window = floor(epochSeconds / stepSeconds) or S for a static"
                        + " code; signature = Base64url (no padding) Ed25519 over the text before its dot",
                TicketCodes.STEP.getSeconds(), 1);
    }

    private IssuedTicket validTicket(Jwt caller, String orderId, String ticketId) {
        IssuedTicket ticket = orders.ownTicket(caller.getSubject(), orderId, ticketId);
        if (!ticket.valid()) {
            throw new TicketingRefusal.TicketCancelled(ticketId).refused();
        }
        return ticket;
    }
}
