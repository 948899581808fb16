package org.boxoffice.waitingroom.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.Event;
import org.boxoffice.waitingroom.QueueRecord;
import org.boxoffice.waitingroom.QueueShuffle;
import org.boxoffice.waitingroom.Queues;
import org.boxoffice.waitingroom.WaitingRoomRefusal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * What the waiting room publishes to prove its pre-queue fair: before the sale opens the commitment to the shuffle
 * seed (and the key that signs receipts); from the opening on the seed itself and the pre-queue's entries with their
 * places, from which anyone recomputes the order; and, for a buyer's receipt, their place with how it follows.
 */
@Service
public class QueueFairness {
    private final CatalogService catalog;
    private final Queues queues;
    private final ShuffleSeeds seeds;
    private final QueueReceipts receipts;
    private final Clock clock;
    /** The pre-queue is final once sealed, so each node works out its order once per event. */
    private final Map<Long, Revealed> revealed = new ConcurrentHashMap<>();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();

    /** An entry of the published pre-queue list: the pseudonymous id, when it joined, and the place it was given. */
    public record PublishedEntry(String entryId, Instant joinedAt, long place) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Published(long eventId, Instant onSaleAt, String algorithm, String commitment, Instant committedAt,
                            Map<String, Object> receiptKey, boolean revealed, @Nullable String seed,
                            @Nullable Integer preQueueSize, @Nullable List<PublishedEntry> preQueue) {
    }

    /** A buyer's place as their receipt proves it; {@code listed} false would mean the service dropped the entry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Place(long eventId, String entryId, Instant joinedAt, boolean preQueue, boolean revealed,
                        @Nullable Boolean listed, @Nullable Long place, @Nullable Integer preQueueSize,
                        @Nullable String key, @Nullable String seed, String commitment, String proof) {
    }

    /** The sealed pre-queue: entries by id (as published), each entry's place, the order, and the seed that made it. */
    record Revealed(List<PublishedEntry> entries, Map<String, Long> places, List<String> order, String seed) {
    }

    QueueFairness(CatalogService catalog, Queues queues, ShuffleSeeds seeds, QueueReceipts receipts, Clock clock) {
        this.catalog = catalog;
        this.queues = queues;
        this.seeds = seeds;
        this.receipts = receipts;
        this.clock = clock;
    }

    public Published published(long eventId) {
        Event event = roomEvent(eventId);
        ShuffleSeeds.Committed committed = seeds.of(eventId);
        Revealed sealed = revealed(event);
        return new Published(eventId, event.onSaleAt(), QueueShuffle.ALGORITHM, committed.commitment(), committed.committedAt(),
                receipts.publicKey(), sealed != null, sealed == null ? null : committed.shuffle().seed(),
                sealed == null ? null : sealed.entries().size(), sealed == null ? null : sealed.entries());
    }

    public Place place(long eventId, @Nullable String receipt) {
        Event event = roomEvent(eventId);
        if (receipt == null || receipt.isBlank()) {
            throw new WaitingRoomRefusal.ReceiptInvalid("receipt is required: the one the service gave on joining the queue").refused();
        }
        QueueReceipts.Receipt facts = receipts.verify(receipt.strip())
                .orElseThrow(() -> new WaitingRoomRefusal.ReceiptInvalid("This is not a queue receipt signed by this service, or it was altered").refused());
        if (facts.eventId() != eventId) {
            throw new WaitingRoomRefusal.ReceiptInvalid("This receipt is for event " + facts.eventId() + ", not " + eventId).refused();
        }
        ShuffleSeeds.Committed committed = seeds.of(eventId);
        Revealed sealed = revealed(event);
        if (sealed == null) {
            return new Place(eventId, facts.entryId(), facts.joinedAt(), facts.preQueue(), false, null, null, null, null, null,
                    committed.commitment(), "The order is decided when the sale opens, at " + event.onSaleAt()
                            + ", by the seed committed to here; come back then for your place.");
        }
        int size = sealed.entries().size();
        if (!facts.preQueue()) {
            return new Place(eventId, facts.entryId(), facts.joinedAt(), false, true, null, null, size, null,
                    committed.shuffle().seed(), committed.commitment(), "Joined after the sale opened: queued in order of arrival, "
                            + "behind all " + size + " entries of the pre-queue, which the shuffle ordered.");
        }
        Long place = sealed.places().get(facts.entryId());
        return new Place(eventId, facts.entryId(), facts.joinedAt(), true, true, place != null, place, size,
                committed.shuffle().keyHex(facts.entryId()), committed.shuffle().seed(), committed.commitment(),
                "SHA-256(seed) is the commitment published before the opening; place = 1 + the number of entries in the published "
                        + "pre-queue list whose key HMAC-SHA256(seed, entryId) is smaller than this entry's key.");
    }

    /** The sealed pre-queue of an event whose sale has opened, null before. */
    @Nullable
    Revealed revealed(Event event) {
        Instant now = clock.instant();
        if (now.isBefore(event.onSaleAt())) {
            return null;
        }
        Revealed known = revealed.get(event.id());
        if (known != null) {
            return known;
        }
        // one reveal per event at a time, the others wait for it; other events' reveals go on meanwhile
        synchronized (locks.computeIfAbsent(event.id(), id -> new Object())) {
            known = revealed.get(event.id());
            if (known == null) {
                known = reveal(event, now);
                revealed.put(event.id(), known);
            }
            return known;
        }
    }

    private Revealed reveal(Event event, Instant now) {
        QueueShuffle shuffle = seeds.of(event.id()).shuffle();
        List<QueueRecord> preQueue = queues.records(event.id(), event.onSaleAt(), now).stream().filter(QueueRecord::preQueue).toList();
        List<String> order = shuffle.order(preQueue.stream().map(QueueRecord::entryId).toList());
        Map<String, Long> places = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            places.put(order.get(i), i + 1L);
        }
        List<PublishedEntry> entries = new ArrayList<>(preQueue.size());
        preQueue.forEach(r -> entries.add(new PublishedEntry(r.entryId(), r.joinedAt(), places.get(r.entryId()))));
        entries.sort(Comparator.comparing(PublishedEntry::entryId));
        return new Revealed(List.copyOf(entries), Map.copyOf(places), order, shuffle.seed());
    }

    Event roomEvent(long eventId) {
        Event event = catalog.requireEvent(eventId);
        if (!event.waitingRoom().enabled()) {
            throw new WaitingRoomRefusal.NoWaitingRoom(eventId).refused();
        }
        return event;
    }
}
