package org.boxoffice.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.infrastructure.GroupCommit;
import org.boxoffice.shared.Refused;
import org.boxoffice.shared.TimeOrderedIds;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;

/**
 * A buyer asks to hold seats. Refusals (seat taken, not on sale, over a limit) are answered from the live inventory
 * alone; only a hold that was placed touches the database, and the buyer hears of it once it is durable.
 */
@Service
public class PlacingHolds {
    private final SeatInventory inventory;
    private final GroupCommit groupCommit;
    private final Clock clock;
    private final HoldMetrics metrics;
    /** Looked up once: asking the bean factory on every hold attempt showed in profiles. */
    private final SingletonSupplier<AdmissionCheck> admissionCheck;
    private final BuyerBudgets budgets;
    /** One writer for all new holds, so that group commit writes a batch of them together. */
    private final GroupCommit.BatchWriter<Holds.StoredHold> newHolds;

    PlacingHolds(SeatInventory inventory, Holds holds, GroupCommit groupCommit, Clock clock,
                 HoldMetrics metrics, ObjectProvider<AdmissionCheck> admissions, BuyerBudgets budgets) {
        this.inventory = inventory;
        this.groupCommit = groupCommit;
        this.clock = clock;
        this.metrics = metrics;
        this.admissionCheck = SingletonSupplier.of(admissions::getIfAvailable);
        this.budgets = budgets;
        this.newHolds = holds::insertAll;
    }

    /** The choice is in terms of the event's seating plan ({@link CatalogService#plan}), which the caller has in hand. */
    public Hold place(Buyer buyer, SeatingPlan plan, HoldChoice choice, @Nullable String admissionToken) {
        Event event = plan.event();
        long eventId = event.id();
        // Millisecond precision survives every database round trip unchanged.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            admit(event, buyer, choice.quantity(), now, admissionToken);
        } catch (Refused refused) {
            metrics.rejected(refused.refusal().reason());
            throw refused;
        }
        LiveHold placed = placeLive(plan, buyer, choice, now);
        BuyerBudgets.Taken taken;
        try {
            taken = budgets.take(event, buyer, placed.positions().length);
        } catch (Refused overBudget) {
            inventory.release(plan, placed.holdId(), now); // a buyer racing their own budget: the hold is not kept
            metrics.rejected(overBudget.refusal().reason());
            throw overBudget;
        }
        try {
            groupCommit.submit(newHolds, new Holds.StoredHold(placed.holdId(), eventId, buyer.userId(), placed.fence(),
                    Holds.ACTIVE, ids(plan, placed.positions()), now, placed.expiresAt(), placed.maxExpiresAt()));
        } catch (RuntimeException e) {
            inventory.release(plan, placed.holdId(), now);
            budgets.giveBack(taken);
            throw e;
        }
        metrics.placed();
        return Hold.of(plan, placed);
    }

    /** Everything that may refuse a hold before the inventory is asked. */
    private void admit(Event event, Buyer buyer, int quantity, Instant now, @Nullable String admissionToken) {
        if (!event.onSale(now)) {
            throw new InventoryRefusal.NotOnSale(event.id(), event.onSaleAt()).refused();
        }
        AdmissionCheck admissions = admissionCheck.get();
        if (admissions != null) {
            admissions.requireAdmission(event, buyer.userId(), admissionToken);
        }
        if (quantity > event.maxSeatsPerOrder()) {
            throw new InventoryRefusal.LimitExceeded(event.maxSeatsPerOrder(), 0).refused();
        }
        if (event.buyerLimits().requireVerifiedEmail() && !buyer.emailVerified()) {
            throw new InventoryRefusal.EmailVerificationRequired().refused();
        }
        budgets.check(event, buyer, quantity);
    }

    private LiveHold placeLive(SeatingPlan plan, Buyer buyer, HoldChoice choice, Instant now) {
        Event event = plan.event();
        String holdId = TimeOrderedIds.next();
        // No hold outlives the sale: it ends when the event starts at the latest.
        Instant expiresAt = earliest(now.plus(event.holdDuration()), event.startsAt());
        Instant maxExpiresAt = earliest(now.plus(event.holdDuration().multipliedBy(2)), event.startsAt());
        PlaceResult result = switch (choice) {
            case HoldChoice.NamedSeats named -> inventory.place(plan, holdId, buyer.userId(), named.positions(),
                    event.maxSeatsPerOrder(), now, expiresAt, maxExpiresAt);
            case BestSeatsRequest best -> inventory.placeBest(plan, holdId, buyer.userId(), best, event.maxSeatsPerOrder(),
                    now, expiresAt, maxExpiresAt);
        };
        return switch (result) {
            case PlaceResult.Placed p -> p.hold();
            case PlaceResult.Unavailable u -> throw refuse(new InventoryRefusal.SeatsUnavailable(
                    u.positions().stream().map(p -> plan.seat(p).id()).toList()));
            case PlaceResult.NotEnoughSeats n -> throw refuse(new InventoryRefusal.NotEnoughSeats(choice.quantity()));
            case PlaceResult.LimitExceeded l -> throw refuse(
                    new InventoryRefusal.LimitExceeded(event.maxSeatsPerOrder(), l.alreadyHeldOrBought()));
        };
    }

    private Refused refuse(InventoryRefusal refusal) {
        metrics.rejected(refusal.reason());
        return refusal.refused();
    }

    static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static List<Long> ids(SeatingPlan plan, int[] positions) {
        List<Long> ids = new ArrayList<>(positions.length);
        for (int position : positions) {
            ids.add(plan.seat(position).id());
        }
        return ids;
    }
}
