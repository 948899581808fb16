package org.boxoffice.waitingroom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Event;
import org.boxoffice.inventory.AdmissionCheck;
import org.boxoffice.ordering.OrderService;
import org.boxoffice.shared.Refused;
import org.boxoffice.waitingroom.internal.AdmissionRates;
import org.boxoffice.waitingroom.internal.AdmissionTokens;
import org.boxoffice.waitingroom.internal.ProofOfWork;
import org.boxoffice.waitingroom.internal.QueueMetrics;
import org.boxoffice.waitingroom.internal.QueueReceipts;
import org.boxoffice.waitingroom.internal.Rejections;
import org.boxoffice.waitingroom.internal.ShuffleSeeds;
import org.boxoffice.waitingroom.internal.WaitingRoomSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The waiting room's public face: challenges, joining, a buyer's status with their admission token, the
 * admission rounds, and the check that guards holds while an event's room is open.
 */
@Service
public class WaitingRoomService implements AdmissionCheck {
    private final CatalogService catalog;
    private final Queues queues;
    private final ProofOfWork proofOfWork;
    private final AdmissionTokens tokens;
    private final OrderService orders;
    private final AdmissionRates rates;
    private final QueueMetrics metrics;
    private final Fairness fairness;
    private final Clock clock;
    private final Duration admission;

    /** The waiting room's means of proving its fairness: committed seeds, receipts, refusals counted per event. */
    record Fairness(ShuffleSeeds seeds, QueueReceipts receipts, Rejections rejections) {
    }

    WaitingRoomService(CatalogService catalog, Queues queues, ProofOfWork proofOfWork, AdmissionTokens tokens,
                       OrderService orders, AdmissionRates rates, QueueMetrics metrics, ShuffleSeeds seeds,
                       QueueReceipts receipts, Rejections rejections, Clock clock, WaitingRoomSettings settings) {
        Duration admission = settings.waitingroom().admission();
        this.catalog = catalog;
        this.queues = queues;
        this.proofOfWork = proofOfWork;
        this.tokens = tokens;
        this.orders = orders;
        this.rates = rates;
        this.metrics = metrics;
        this.fairness = new Fairness(seeds, receipts, rejections);
        this.clock = clock;
        this.admission = admission;
    }

    public ProofOfWork.Challenge challenge(long eventId, String userId) {
        Event event = openRoom(eventId);
        return proofOfWork.challenge(eventId, userId, event.waitingRoom().proofOfWorkMaxNumber());
    }

    /**
     * Joins with a fresh proof of work; a buyer already in the queue keeps their place. The answer carries a signed
     * receipt of the entry (for a buyer who joined before, a new receipt of the same entry).
     */
    public QueueStatus join(long eventId, String userId, @Nullable String proof) {
        Event event = openRoom(eventId);
        if (proof == null || proof.isBlank()) {
            fairness.rejections().count(eventId, "proof-of-work-missing");
            throw new WaitingRoomRefusal.ProofOfWorkInvalid("proofOfWork is required").refused();
        }
        try {
            proofOfWork.verify(eventId, userId, proof);
        } catch (Refused refused) {
            fairness.rejections().count(eventId, refused.refusal().reason());
            throw refused;
        }
        QueueEntry entry = queues.join(eventId, userId, fairness.seeds().of(eventId).shuffle(), event.onSaleAt(), clock.instant());
        String receipt = fairness.receipts().issue(new QueueReceipts.Receipt(eventId, entry.entryId(), entry.joinedAt(),
                entry.preQueue()));
        return status(event, entry).withReceipt(receipt);
    }

    public QueueStatus me(long eventId, String userId) {
        Event event = catalog.requireEvent(eventId);
        requireRoom(event);
        QueueEntry entry = queues.find(eventId, userId, event.onSaleAt(), clock.instant())
                .orElseThrow(() -> new WaitingRoomRefusal.NotInQueue(eventId).refused());
        return status(event, entry);
    }

    @Override
    public void requireAdmission(Event event, String userId, @Nullable String admissionToken) {
        if (!event.waitingRoom().enabled() || event.started(clock.instant())) {
            return;
        }
        if (admissionToken == null || !tokens.valid(admissionToken, event.id(), userId)) {
            fairness.rejections().count(event.id(), admissionToken == null ? "admission-token-missing" : "admission-token-invalid");
            throw new WaitingRoomRefusal.AdmissionRequired(event.id()).refused();
        }
    }

    /**
     * A buyer who has bought leaves the active buyers at once. Otherwise the place stays taken until the admission runs
     * out (15 minutes), and with {@code maxActiveUsers} places the room admits no more than that many per admission
     * time, whatever its rate: a load test admitted 5,000 buyers and then nobody for a quarter of an hour. The buyer's
     * admission token stays valid until it expires, so a second purchase within it still works.
     */
    @Override
    public void purchased(Event event, String userId) {
        if (event.waitingRoom().enabled()) {
            queues.finish(event.id(), userId);
        }
    }

    /**
     * One admission round for every open room; a lapsed buyer who did not buy goes to the back of the queue. A room
     * that has just opened gets its shuffle seed drawn and committed here, before anyone can join it.
     */
    public void admitDueQueues() {
        Instant now = clock.instant();
        List<Event> open = catalog.eventsWithOpenWaitingRoom();
        fairness.rejections().countFor(open.stream().map(Event::id).collect(java.util.stream.Collectors.toSet()));
        try {
            fairness.rejections().flush();
        } catch (RuntimeException storeAway) {
            // kept for the next round
        }
        for (Event event : open) {
            try {
                fairness.seeds().of(event.id());
            } catch (RuntimeException databaseAway) {
                // drawn on a later round, or at the first join; admission goes on meanwhile
            }
            AdmissionRound round = queues.admit(event.id(), event.onSaleAt(), event.waitingRoom().admitPerMinute(),
                    event.waitingRoom().maxActiveUsers(), admission, now);
            for (String userId : round.lapsed()) {
                boolean bought;
                try {
                    bought = orders.hasConfirmedOrder(userId, event.id());
                } catch (RuntimeException databaseBusy) {
                    bought = false; // when in doubt the buyer keeps a place: at the back of the queue
                }
                if (bought) {
                    queues.finish(event.id(), userId);
                } else {
                    queues.requeue(event.id(), userId, now);
                    metrics.requeued(event.id());
                }
            }
            QueueStats stats = queues.stats(event.id(), now);
            rates.record(event.id(), stats.admittedTotal(), now);
            metrics.observe(event.id(), stats, round.admitted().size());
        }
    }

    private QueueStatus status(Event event, QueueEntry entry) {
        Instant now = clock.instant();
        String token = null;
        if (entry.status() == QueueEntry.Status.ADMITTED && entry.admittedUntil() != null) {
            token = tokens.issue(event.id(), entry.userId(), entry.admittedUntil());
        }
        long wait = entry.status() == QueueEntry.Status.WAITING
                ? rates.secondsToAdmit(event.id(), entry.position(), event.waitingRoom().admitPerMinute(),
                        event.waitingRoom().maxActiveUsers(), admission)
                + Math.max(0, event.onSaleAt().getEpochSecond() - now.getEpochSecond())
                : 0;
        // the page tells pre-queue buyers that their place is decided at the opening; after it they have a number
        boolean stillPreQueue = entry.preQueue() && now.isBefore(event.onSaleAt());
        return new QueueStatus(entry.status().name(), entry.position(), wait, stillPreQueue, token,
                token == null ? null : entry.admittedUntil(), null);
    }

    private Event openRoom(long eventId) {
        Event event = catalog.requireEvent(eventId);
        requireRoom(event);
        Instant now = clock.instant();
        Instant opens = event.onSaleAt().minus(Duration.ofMinutes(event.waitingRoom().prequeueMinutes()));
        if (now.isBefore(opens) || event.started(now) || event.cancelled()) {
            fairness.rejections().count(eventId, "queue-not-open");
            throw new WaitingRoomRefusal.QueueNotOpen(eventId, opens).refused();
        }
        return event;
    }

    private static void requireRoom(Event event) {
        if (!event.waitingRoom().enabled()) {
            throw new WaitingRoomRefusal.NoWaitingRoom(event.id()).refused();
        }
    }
}
