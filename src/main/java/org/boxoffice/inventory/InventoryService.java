package org.boxoffice.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.internal.RecordedSeats;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.GroupCommit;
import org.boxoffice.shared.Ids;
import org.boxoffice.shared.Money;
import org.boxoffice.shared.TimeOrderedIds;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;

/**
 * The inventory's public face: placing, reading, extending and releasing holds, selling and returning seats,
 * blocking seats and reading availability. Failures of the hot path (seat taken) are answered from the
 * inventory alone; only successful holds touch the database.
 */
@Service
public class InventoryService {
    private static final Logger log = LoggerFactory.getLogger(InventoryService.class);
    public static final int MAX_SEATS_IN_REQUEST = 100;

    private final CatalogService catalog;
    private final SeatInventory inventory;
    private final Holds holds;
    private final GroupCommit groupCommit;
    private final Clock clock;
    private final HoldMetrics metrics;
    /** Looked up once: asking the bean factory on every hold attempt showed in profiles. */
    private final SingletonSupplier<AdmissionCheck> admissionCheck;
    private final BuyerBudgets budgets;
    /** One writer for all new holds, so that group commit writes a batch of them together. */
    private final GroupCommit.BatchWriter<Holds.StoredHold> newHolds;
    /** Holds drained from the live inventory whose recording failed (the database was away), for the next sweep. */
    private final BlockingQueue<LiveHold> unrecorded = new LinkedBlockingQueue<>();
    private final SalesMarkedAgain salesMarkedAgain;

    InventoryService(CatalogService catalog, SeatInventory inventory, Holds holds, GroupCommit groupCommit,
                     Clock clock, MeterRegistry registry, ObjectProvider<AdmissionCheck> admissions, BuyerBudgets budgets) {
        this.budgets = budgets;
        this.admissionCheck = SingletonSupplier.of(admissions::getIfAvailable);
        this.catalog = catalog;
        this.inventory = inventory;
        this.holds = holds;
        this.groupCommit = groupCommit;
        this.clock = clock;
        this.metrics = new HoldMetrics(registry);
        this.newHolds = holds::insertAll;
        this.salesMarkedAgain = new SalesMarkedAgain(inventory, holds, catalog::plan);
    }

    public Hold placeHold(Buyer buyer, long eventId, HoldRequest request, @Nullable String admissionToken) {
        String userId = buyer.userId();
        SeatingPlan plan = catalog.plan(eventId);
        Event event = plan.event();
        boolean named = request.seatIds() != null;
        if (named == (request.best() != null)) {
            throw ApiProblem.badRequest("Send either seatIds or best, not both and not neither");
        }
        int quantity = named ? request.seatIds().size() : quantityOf(request.best());
        if (quantity < 1 || quantity > MAX_SEATS_IN_REQUEST) {
            throw ApiProblem.badRequest("A hold needs 1.." + MAX_SEATS_IN_REQUEST + " seats");
        }
        int[] positions = named ? positions(plan, request.seatIds()) : null;
        BestSeatsRequest best = named ? null : bestRequest(event, request.best(), quantity);
        // Millisecond precision survives every database round trip unchanged.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!event.onSale(now)) {
            metrics.rejected("not-on-sale");
            throw new ApiProblem(409, "not-on-sale", "Not on sale", "Event " + eventId + " is not on sale now",
                    Map.of("onSaleAt", event.onSaleAt().toString()));
        }
        AdmissionCheck admissions = admissionCheck.get();
        if (admissions != null) {
            try {
                admissions.requireAdmission(event, userId, admissionToken);
            } catch (ApiProblem refused) {
                metrics.rejected(refused.type().toString().substring(ApiProblem.TYPE_BASE.length()));
                throw refused;
            }
        }
        if (quantity > event.maxSeatsPerOrder()) {
            metrics.rejected("limit-exceeded");
            throw limitExceeded(event, 0);
        }
        if (event.buyerLimits().requireVerifiedEmail() && !buyer.emailVerified()) {
            metrics.rejected("email-verification-required");
            throw new ApiProblem(403, "email-verification-required", "E-mail verification required",
                    "This event sells only to buyers with a verified e-mail address: verify yours, then sign in again",
                    Map.of("verify", "/api/v1/auth/email-verification"));
        }
        try {
            budgets.check(event, buyer, quantity);
        } catch (ApiProblem overBudget) {
            metrics.rejected("hold-limit-reached");
            throw overBudget;
        }
        String holdId = TimeOrderedIds.next();
        // No hold outlives the sale: it ends when the event starts at the latest.
        Instant expiresAt = earliest(now.plus(event.holdDuration()), event.startsAt());
        Instant maxExpiresAt = earliest(now.plus(event.holdDuration().multipliedBy(2)), event.startsAt());
        PlaceResult result = named
                ? inventory.place(plan, holdId, userId, positions, event.maxSeatsPerOrder(), now, expiresAt, maxExpiresAt)
                : inventory.placeBest(plan, holdId, userId, best, event.maxSeatsPerOrder(), now, expiresAt, maxExpiresAt);
        LiveHold placed = switch (result) {
            case PlaceResult.Placed p -> p.hold();
            case PlaceResult.Unavailable u -> {
                metrics.rejected("seats-unavailable");
                List<String> ids = u.positions().stream().map(p -> String.valueOf(plan.seat(p).id())).toList();
                throw new ApiProblem(409, "seats-unavailable", "Seats unavailable",
                        "Some of the requested seats are not available; nothing was held", Map.of("unavailableSeatIds", ids));
            }
            case PlaceResult.NotEnoughSeats n -> {
                metrics.rejected("not-enough-seats");
                throw new ApiProblem(409, "not-enough-seats", "Not enough seats",
                        "No row has " + quantity + " adjacent available seats matching the request");
            }
            case PlaceResult.LimitExceeded l -> {
                metrics.rejected("limit-exceeded");
                throw limitExceeded(event, l.alreadyHeldOrBought());
            }
        };
        BuyerBudgets.Taken taken;
        try {
            taken = budgets.take(event, buyer, placed.positions().length);
        } catch (ApiProblem overBudget) {
            inventory.release(plan, holdId, now); // a buyer racing their own budget: the hold is not kept
            metrics.rejected("hold-limit-reached");
            throw overBudget;
        }
        Hold hold = toHold(plan, placed);
        try {
            // Many holds share one commit; the client hears of its hold only once the hold is durable.
            groupCommit.submit(newHolds, new Holds.StoredHold(hold.holdId(), eventId, userId, hold.fence(), Holds.ACTIVE,
                    hold.seatIds(), now, expiresAt, maxExpiresAt));
        } catch (RuntimeException e) {
            inventory.release(plan, holdId, now);
            budgets.giveBack(taken);
            throw e;
        }
        metrics.placed();
        return hold;
    }

    /** The caller's live hold; 404 when it is someone else's, released, sold or expired. */
    public Hold liveHold(String userId, String holdId) {
        return findLive(userId, holdId).map(h -> toHold(catalog.plan(h.eventId()), h))
                .orElseThrow(() -> ApiProblem.notFound("Hold " + holdId));
    }

    /** The caller's hold as checkout needs it (a gone one is a 410, {@link #holdExpired}), in one read of the stored hold and one look at the live inventory. */
    public CheckoutHold checkoutHold(String userId, String holdId) {
        Optional<Holds.StoredHold> stored = holdId.length() > 36 ? Optional.empty()
                : holds.find(holdId).filter(h -> h.userId().equals(userId));
        if (stored.isEmpty()) {
            return new CheckoutHold.NotTheCallers();
        }
        SeatingPlan plan = catalog.plan(stored.get().eventId());
        return inventory.find(plan, holdId, clock.instant()).<CheckoutHold>map(live -> new CheckoutHold.Live(toHold(plan, live)))
                .orElseGet(CheckoutHold.Gone::new);
    }

    public static ApiProblem holdExpired(String holdId) {
        return new ApiProblem(410, "hold-expired", "Hold expired",
                "Hold " + holdId + " has expired or is no longer valid; its seats may be taken");
    }

    public Hold extendHold(String userId, String holdId) {
        LiveHold live = findLive(userId, holdId).orElseThrow(() -> ApiProblem.notFound("Hold " + holdId));
        SeatingPlan plan = catalog.plan(live.eventId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!live.expiresAt().isBefore(live.maxExpiresAt())) {
            throw new ApiProblem(409, "extension-limit", "Extension limit reached",
                    "A hold lives at most twice the event's hold time (and never past the event's start); it ends at "
                            + live.maxExpiresAt(), Map.of("maxExpiresAt", live.maxExpiresAt().toString()));
        }
        Instant newExpiry = earliest(now.plus(plan.event().holdDuration()), live.maxExpiresAt());
        if (!newExpiry.isAfter(live.expiresAt())) {
            return toHold(plan, live);
        }
        LiveHold extended = inventory.extend(plan, holdId, newExpiry, now)
                .orElseThrow(() -> ApiProblem.notFound("Hold " + holdId));
        holds.updateExpiry(holdId, extended.expiresAt());
        return toHold(plan, extended);
    }

    public void releaseHold(String userId, String holdId) {
        LiveHold live = findLive(userId, holdId).orElseThrow(() -> ApiProblem.notFound("Hold " + holdId));
        // The durable record first: a crash in between must not bring the hold back on a rebuild.
        if (!holds.markReleased(holdId)) {
            // sold (or ended) in the database a moment ago: the live inventory follows the database, not the request
            followRecord(catalog.plan(live.eventId()), holdId);
            throw ApiProblem.notFound("Hold " + holdId);
        }
        if (inventory.release(catalog.plan(live.eventId()), holdId, clock.instant())) {
            metrics.released();
        }
    }

    /**
     * Drops a hold whose sale the database refused. When the refusal came from the database's own constraints
     * the live state disagreed with it, so the event's live state is rebuilt from the database.
     */
    public void discardHold(Hold hold, boolean liveStateDisagreed) {
        boolean released = holds.markReleased(hold.holdId());
        SeatingPlan plan = catalog.plan(hold.eventId());
        if (liveStateDisagreed) {
            inventory.evict(hold.eventId());
        } else if (released) {
            inventory.release(plan, hold.holdId(), clock.instant());
        } else {
            followRecord(plan, hold.holdId()); // no longer active in the database (sold by recovery meanwhile, say)
        }
    }

    /**
     * Sells the hold's seats inside the caller's transaction: the database accepts only an active, unexpired hold
     * whose fencing token is still the newest for each seat. Once that transaction has committed, the caller
     * tells the live inventory with {@link #saleCommitted}.
     */
    public void confirmSale(Hold hold) {
        if (!holds.confirmSold(hold.holdId(), hold.fence(), clock.instant())) {
            throw new HoldLostException(hold.holdId());
        }
    }

    /** The live inventory follows a committed sale. */
    public void saleCommitted(Hold hold) {
        SeatingPlan plan = catalog.plan(hold.eventId());
        inventory.markSold(plan, new LiveHold(hold.holdId(), hold.eventId(), hold.userId(), hold.fence(), positions(plan, hold),
                hold.createdAt(), hold.expiresAt(), hold.maxExpiresAt()));
    }

    /** Returns sold seats to sale inside the caller's transaction (an order was cancelled); see {@link #returnCommitted}. */
    public void returnSeats(Hold hold) {
        holds.markReturned(hold.holdId());
    }

    /** The live inventory follows a committed return: the seats are for sale again at once. */
    public void returnCommitted(Hold hold) {
        SeatingPlan plan = catalog.plan(hold.eventId());
        inventory.returnSold(plan, hold.userId(), positions(plan, hold));
    }

    /** Rebuilds a sold hold's details for an order (its seats, prices and owner). */
    public Optional<Hold> storedHold(String holdId) {
        return holds.find(holdId).map(stored -> {
            SeatingPlan plan = catalog.plan(stored.eventId());
            int[] positions = stored.seatIds().stream().mapToInt(plan::positionOf).toArray();
            return toHold(plan, new LiveHold(stored.holdId(), stored.eventId(), stored.userId(), stored.fence(), positions,
                    stored.createdAt(), stored.expiresAt(), stored.maxExpiresAt()));
        });
    }

    public void block(long eventId, List<String> seatIds) {
        SeatingPlan plan = catalog.plan(eventId);
        int[] positions = positions(plan, seatIds);
        List<Integer> refused = inventory.block(plan, positions, clock.instant());
        if (!refused.isEmpty()) {
            throw new ApiProblem(409, "seats-unavailable", "Seats unavailable", "Held or sold seats cannot be blocked",
                    Map.of("unavailableSeatIds", refused.stream().map(p -> String.valueOf(plan.seat(p).id())).toList()));
        }
        try {
            holds.block(eventId, ids(plan, positions));
        } catch (RuntimeException e) {
            inventory.unblock(plan, positions);
            throw e;
        }
    }

    public void unblock(long eventId, List<String> seatIds) {
        SeatingPlan plan = catalog.plan(eventId);
        int[] positions = positions(plan, seatIds);
        holds.unblock(eventId, ids(plan, positions));
        inventory.unblock(plan, positions);
    }

    /** The live seat states; while the live inventory is unreachable, those the database records, so browsing works on. */
    public SeatSnapshot snapshot(long eventId) {
        return liveOrRecorded(eventId, inventory::snapshot, recorded -> new SeatSnapshot(0, recorded));
    }

    /** Seats per status from the live inventory; while it is unreachable, counted from what the database records. */
    public SeatCounts counts(long eventId) {
        return liveOrRecorded(eventId, inventory::counts, SeatCounts::of);
    }

    /** Asks the live inventory; when it answers 503 (unreachable, rebuilding), answers from the database's record instead. */
    private <T> T liveOrRecorded(long eventId, BiFunction<SeatingPlan, Instant, T> live, Function<byte[], T> recorded) {
        SeatingPlan plan = catalog.plan(eventId);
        Instant now = clock.instant();
        try {
            return live.apply(plan, now);
        } catch (ApiProblem unavailable) {
            if (unavailable.status() != 503) {
                throw unavailable;
            }
            return recorded.apply(RecordedSeats.of(plan, holds.load(eventId, now)).statuses());
        }
    }

    /**
     * Removes expired holds from the live state and records them; run by the sweeper. A hold that ran out in the live
     * inventory although the database sold it is a sale whose commit was not acknowledged (the database went away
     * while committing it, and the checkout answered 503): its seats are marked sold again before anyone else keeps
     * them (a hold taken in the moment between would fail at checkout on the database's constraints).
     */
    public int expireDueHolds() {
        salesMarkedAgain.verify();
        List<LiveHold> expired = new ArrayList<>();
        unrecorded.drainTo(expired);
        try {
            expired.addAll(inventory.drainExpired(clock.instant()));
            if (!expired.isEmpty()) {
                recordExpired(expired);
            }
        } catch (RuntimeException e) {
            unrecorded.addAll(expired); // drained from the live inventory, so nobody else would look at them again
            throw e;
        }
        return expired.size();
    }

    private void recordExpired(List<LiveHold> expired) {
        List<String> ids = expired.stream().map(LiveHold::holdId).toList();
        holds.markExpired(ids);
        Set<String> sold = holds.soldAmong(ids);
        List<LiveHold> soldAgain = expired.stream().filter(hold -> sold.contains(hold.holdId())).toList();
        soldAgain.forEach(hold -> log.warn("Hold {} ran out in the live inventory although the database sold it", hold.holdId()));
        salesMarkedAgain.mark(soldAgain);
        metrics.expired(expired.size() - soldAgain.size());
    }

    /** A live hold only while the database still calls it active: a sale committed unheard is no hold to extend or release. */
    private Optional<LiveHold> findLive(String userId, String holdId) {
        return holds.find(holdId)
                .filter(stored -> stored.userId().equals(userId))
                .flatMap(stored -> {
                    SeatingPlan plan = catalog.plan(stored.eventId());
                    Optional<LiveHold> live = inventory.find(plan, holdId, clock.instant());
                    if (live.isPresent() && !Holds.ACTIVE.equals(stored.status())) {
                        followRecord(plan, stored, live.get());
                        return Optional.empty();
                    }
                    return live;
                });
    }

    /** A hold the database no longer calls active: the live inventory follows what the database says of it. */
    private void followRecord(SeatingPlan plan, String holdId) {
        holds.find(holdId).ifPresent(stored -> inventory.find(plan, holdId, clock.instant())
                .ifPresent(live -> followRecord(plan, stored, live)));
    }

    /** Brings a hold that the live inventory still keeps, but the database sold or ended, in line with the database. */
    private void followRecord(SeatingPlan plan, Holds.StoredHold stored, LiveHold live) {
        if (Holds.SOLD.equals(stored.status())) {
            log.warn("Hold {} is live in the inventory although the database sold it: marking its seats sold", live.holdId());
            salesMarkedAgain.mark(List.of(live));
        } else {
            inventory.release(plan, live.holdId(), clock.instant());
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static int quantityOf(HoldRequest.Best best) {
        if (best.quantity() == null) {
            throw ApiProblem.badRequest("best.quantity is required");
        }
        return best.quantity();
    }

    private static BestSeatsRequest bestRequest(Event event, HoldRequest.Best best, int quantity) {
        Long categoryId = null;
        if (best.categoryId() != null) {
            categoryId = Ids.parse(best.categoryId()).stream().boxed().filter(id -> event.category(id).isPresent()).findFirst()
                    .orElseThrow(() -> ApiProblem.badRequest("unknown-category", "Event has no category " + best.categoryId()));
        }
        if (best.section() != null && event.categories().stream().noneMatch(c -> c.sections().contains(best.section()))) {
            throw ApiProblem.badRequest("unknown-section", "No seats of this event are sold in section " + best.section());
        }
        return new BestSeatsRequest(quantity, categoryId, best.section());
    }

    private static int[] positions(SeatingPlan plan, List<String> seatIds) {
        if (seatIds.isEmpty() || seatIds.size() > MAX_SEATS_IN_REQUEST) {
            throw ApiProblem.badRequest("seatIds must name 1.." + MAX_SEATS_IN_REQUEST + " seats");
        }
        Set<String> seen = new HashSet<>();
        Set<Integer> seenPositions = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        int[] positions = new int[seatIds.size()];
        for (int i = 0; i < positions.length; i++) {
            String id = seatIds.get(i);
            if (id == null || !seen.add(id)) {
                throw ApiProblem.badRequest("duplicate-seats", "seatIds must not contain duplicates or nulls");
            }
            positions[i] = Ids.parse(id).stream().mapToInt(plan::positionOf).findFirst().orElse(-1);
            if (positions[i] < 0) {
                unknown.add(id);
            } else if (!seenPositions.add(positions[i])) {
                throw ApiProblem.badRequest("duplicate-seats", "seatIds must not contain duplicates or nulls");
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiProblem(400, "unknown-seats", "Unknown seats", "The event has no seats with these ids",
                    Map.of("unknownSeatIds", unknown));
        }
        return positions;
    }

    private static int[] positions(SeatingPlan plan, Hold hold) {
        return hold.seats().stream().mapToInt(s -> plan.positionOf(s.seatId())).toArray();
    }

    private static List<Long> ids(SeatingPlan plan, int[] positions) {
        List<Long> ids = new ArrayList<>(positions.length);
        for (int position : positions) {
            ids.add(plan.seat(position).id());
        }
        return ids;
    }

    private static ApiProblem limitExceeded(Event event, int already) {
        return new ApiProblem(422, "limit-exceeded", "Limit exceeded",
                "At most " + event.maxSeatsPerOrder() + " seats per order and per buyer for this event, counting open holds and tickets",
                Map.of("maxSeatsPerOrder", event.maxSeatsPerOrder(), "alreadyHeldOrBought", already));
    }

    private static Hold toHold(SeatingPlan plan, LiveHold live) {
        Event event = plan.event();
        List<Hold.HeldSeat> seats = new ArrayList<>(live.positions().length);
        for (int position : live.positions()) {
            Seat seat = plan.seat(position);
            Money price = event.category(seat.categoryId()).orElseThrow().price();
            seats.add(new Hold.HeldSeat(seat.id(), seat.label(), seat.categoryId(), price));
        }
        Money total = Money.sum(seats.stream().map(Hold.HeldSeat::price).toList(), event.currency());
        return new Hold(live.holdId(), live.eventId(), live.userId(), live.fence(), List.copyOf(seats), total,
                live.createdAt(), live.expiresAt(), live.maxExpiresAt());
    }
}
