package org.boxoffice.ordering;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.boxoffice.ordering.internal.CancellingOrder;
import org.boxoffice.ordering.internal.CheckoutKey;
import org.boxoffice.ordering.internal.IdempotencyKeys;
import org.boxoffice.ordering.internal.JdbcOrders;
import org.boxoffice.ordering.internal.OrderingSettings;
import org.boxoffice.ordering.internal.PlacingOrder;
import org.boxoffice.inventory.CheckoutHold;
import org.boxoffice.inventory.Hold;
import org.boxoffice.inventory.InventoryRefusal;
import org.boxoffice.inventory.SellingSeats;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.infrastructure.RateLimits;
import org.boxoffice.shared.Refused;
import org.boxoffice.shared.Unavailable;
import org.boxoffice.infrastructure.web.Problems;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** The ordering module's public face: idempotent checkout, reading orders and cancelling them. */
@Service
public class OrderService {
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(30);
    private static final Duration IN_FLIGHT_POLL = Duration.ofMillis(50);

    private final PlacingOrder placing;
    private final CancellingOrder cancelling;
    private final JdbcOrders orders;
    private final IdempotencyKeys keys;
    private final JsonMapper json;
    private final Clock clock;
    private final SellingSeats inventory;
    private final Problems problems;
    private final RateLimits limits;
    private final RateLimits.Limit checkoutsPerUser;

    OrderService(PlacingOrder placing, CancellingOrder cancelling, JdbcOrders orders, IdempotencyKeys keys, JsonMapper json,
                 Clock clock, SellingSeats inventory, Problems problems, RateLimits limits,
                 OrderingSettings settings) {
        int checkoutsPerMinute = settings.limits().checkoutsPerUserPerMinute();
        this.inventory = inventory;
        this.problems = problems;
        this.limits = limits;
        this.checkoutsPerUser = new RateLimits.Limit("checkouts-per-user", checkoutsPerMinute, checkoutsPerMinute,
                Duration.ofMinutes(1));
        this.placing = placing;
        this.cancelling = cancelling;
        this.orders = orders;
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Checks out a hold once per idempotency key: the first request runs, later ones with the same body get
     * its response, and ones with another body are refused. {@code render} turns the order into the body.
     * The key is written inside the checkout's own transactions; a request refused before it could claim the key
     * claims it then, so that its answer is replayed like any other.
     */
    public StoredResponse checkout(String userId, String key, CheckoutRequest request, Function<Order, Object> render) {
        CheckoutHold found = inventory.checkoutHold(userId, request.holdId());
        if (found instanceof CheckoutHold.NotTheCallers) {
            // nothing is stored for a hold that is not the caller's: made-up ids cannot fill the idempotency table
            takeCheckout(userId);
            throw new InventoryRefusal.HoldNotFound(request.holdId()).refused();
        }
        String hash = sha256(json.writeValueAsString(request));
        CheckoutKey checkoutKey = new CheckoutKey(keys, json, render, userId, key, hash, clock.instant(), () -> takeCheckout(userId));
        Hold hold = found instanceof CheckoutHold.Live live ? live.hold() : null;
        while (true) {
            try {
                if (hold == null) {
                    throw new InventoryRefusal.HoldExpired(request.holdId()).refused();
                }
                Order order = placing.checkout(hold, request.payment().token(), checkoutKey);
                StoredResponse stored = checkoutKey.stored();
                // recovery may have confirmed the order first, without this request's answer
                return stored != null ? stored : checkoutKey.complete(checkoutKey.answer(order));
            } catch (CheckoutKey.AlreadyClaimed claimedBefore) {
                Optional<IdempotencyKeys.Claimed> claimed = keys.claim(userId, key, hash, clock.instant());
                if (claimed.isPresent()) {
                    return replay(userId, key, hash, claimed.get());
                }
                claimedNow(checkoutKey, userId, key); // the old claim had expired: ours now, run the checkout
            } catch (Refused refusal) {
                return refused(checkoutKey, userId, key, hash, refusal);
            } catch (RuntimeException unexpected) {
                checkoutKey.release();
                throw unexpected;
            }
        }
    }

    /**
     * A checkout refused: the refusal is the key's answer, stored as any other. Refused before it claimed the key, the
     * request may be a retry whose first answer must be replayed; a rate-limit refusal is never stored.
     */
    private StoredResponse refused(CheckoutKey checkoutKey, String userId, String key, String hash, Refused refused) {
        if (refused.refusal() instanceof OrderingRefusal.CheckoutsRateLimited) {
            // thrown by a new claim, which its transaction took back: a request with this key since then may have answered
            Optional<IdempotencyKeys.Claimed> earlier = keys.find(userId, key);
            if (earlier.isPresent()) {
                return replay(userId, key, hash, earlier.get());
            }
            throw refused;
        }
        return answered(checkoutKey, userId, key, hash, problems.of(refused.refusal()));
    }

    /** The problem is the key's answer, stored and replayed as any other. */
    private StoredResponse answered(CheckoutKey checkoutKey, String userId, String key, String hash, ApiProblem problem) {
        StoredResponse answer = new StoredResponse(problem.status(), json.writeValueAsString(problem.body()));
        if (checkoutKey.claimed()) {
            return checkoutKey.complete(answer);
        }
        Optional<IdempotencyKeys.Claimed> claimed = keys.claim(userId, key, hash, clock.instant());
        if (claimed.isPresent()) {
            return replay(userId, key, hash, claimed.get()); // a retry answers as before, whatever the limit says
        }
        claimedNow(checkoutKey, userId, key);
        return checkoutKey.complete(answer);
    }

    /** A key claimed on its own costs a checkout like any new claim; over the limit, it is given up again. */
    private void claimedNow(CheckoutKey checkoutKey, String userId, String key) {
        if (!checkoutKey.paid()) {
            try {
                takeCheckout(userId);
            } catch (Refused limited) {
                keys.release(userId, key);
                throw limited;
            }
        }
        checkoutKey.claimCommitted();
    }

    /** Every new claim of a key counts against the buyer's limit (and every request for a hold not theirs); replays do not. */
    private void takeCheckout(String userId) {
        long wait = limits.tryTake(checkoutsPerUser, userId);
        if (wait > 0) {
            throw new OrderingRefusal.CheckoutsRateLimited(wait).refused();
        }
    }

    public Order order(String userId, String orderId) {
        return orders.find(orderId).filter(o -> o.userId().equals(userId))
                .orElseThrow(() -> new OrderingRefusal.OrderNotFound(orderId).refused());
    }

    /** Whether the user bought tickets for the event (and kept them). */
    public boolean hasConfirmedOrder(String userId, long eventId) {
        return orders.hasConfirmed(userId, eventId);
    }

    /** The users who bought tickets for the event with an order placed in [from, to), whether kept or cancelled since. */
    public java.util.Set<String> buyersBetween(long eventId, java.time.Instant from, java.time.Instant to) {
        return orders.buyersBetween(eventId, from, to);
    }

    public record OrderPage(List<Order> items, int page, int size, long total) {
    }

    /** The user's orders, newest first, a page at a time: a buyer's history must not become one unbounded answer. */
    public OrderPage orders(String userId, int page, int size) {
        return new OrderPage(orders.ofUser(userId, page, size), page, size, orders.countOfUser(userId));
    }

    public org.boxoffice.shared.Money revenue(long eventId, String currency) {
        return orders.revenue(eventId, currency);
    }

    /**
     * The seats an order is about: its tickets, or for an order that never got tickets (it
     * failed, its seats lost while the payment went through) the seats of the hold it was for.
     */
    public List<Order.Ticket> seatsOf(Order order) {
        if (!order.tickets().isEmpty()) {
            return order.tickets();
        }
        return inventory.storedHold(order.holdId()).map(hold -> hold.seats().stream()
                .map(seat -> new Order.Ticket("", seat.seatId(), seat.label(), seat.categoryId(), seat.price())).toList())
                .orElse(List.of());
    }

    /** A ticket by its id, for the door: whoever scans it may ask (the code it came from was signed by the service). */
    public Optional<IssuedTicket> issuedTicket(String ticketId) {
        return orders.issuedTicket(ticketId);
    }

    public int countValidTickets(long eventId) {
        return orders.countValidTickets(eventId);
    }

    /** The event's valid tickets in seat order, for the attendee list. */
    public List<IssuedTicket> validTickets(long eventId) {
        return orders.validTickets(eventId);
    }

    /** One of the caller's own tickets; 404 for anyone else's, who need not know it exists. */
    public IssuedTicket ownTicket(String userId, String orderId, String ticketId) {
        return orders.issuedTicket(ticketId)
                .filter(t -> t.userId().equals(userId) && t.orderId().equals(orderId))
                .orElseThrow(() -> new OrderingRefusal.OrderNotFound(orderId).refused());
    }

    /** The event's sales per minute since {@code since}, oldest first, minutes without sales left out. */
    public List<SalesInMinute> salesPerMinute(long eventId, java.time.Instant since, String currency) {
        return orders.salesPerMinute(eventId, since, currency);
    }

    public Order cancel(String userId, String orderId) {
        return cancelling.cancel(order(userId, orderId));
    }

    private StoredResponse replay(String userId, String key, String hash, IdempotencyKeys.Claimed claimed) {
        if (!claimed.requestHash().equals(hash)) {
            throw new OrderingRefusal.IdempotencyKeyReused().refused();
        }
        long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
        IdempotencyKeys.Claimed current = claimed;
        // The first request with this key is still running (on this node or another): wait for its answer.
        while (!current.finished() && System.nanoTime() < deadline) {
            sleep();
            Optional<IdempotencyKeys.Claimed> reread = keys.find(userId, key);
            if (reread.isEmpty()) {
                throw new OrderingRefusal.RequestInProgress(true).refused();
            }
            current = reread.get();
        }
        if (!current.finished()) {
            throw new OrderingRefusal.RequestInProgress(false).refused();
        }
        return new StoredResponse(current.status(), current.body());
    }

    private static void sleep() {
        try {
            Thread.sleep(IN_FLIGHT_POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("The service is shutting down", 2);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
