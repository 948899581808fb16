package org.boxoffice.seatmap.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.boxoffice.inventory.InventoryService;
import org.boxoffice.inventory.SeatMap;
import org.boxoffice.inventory.SeatsChanged;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import java.util.Optional;

/**
 * Fans seat changes out to connected clients. Changes of any node arrive as {@link SeatsChanged}; each tick
 * (one second) turns an event's changes into one {@code changes} message for all of its clients, so a client
 * gets at most one message a second however busy the on-sale is, and memory per client is one message.
 */
@Component
class SeatStreams implements SmartLifecycle {
    private final InventoryService inventory;
    private final Map<Long, EventStream> streams = new ConcurrentHashMap<>();
    private final Duration tick;
    private final Duration heartbeat;
    private final Duration timeout;
    private final int historySeats;
    private final int patience;
    /** Ticks without subscribers after which an event's stream and history are dropped (10 minutes at 1 s). */
    private static final long IDLE_TICKS = 600;
    private ScheduledExecutorService scheduler;
    private volatile long ticks;

    SeatStreams(InventoryService inventory,
                @Value("${boxoffice.seatmap.tick:1s}") Duration tick,
                @Value("${boxoffice.seatmap.heartbeat:15s}") Duration heartbeat,
                @Value("${boxoffice.seatmap.timeout:30m}") Duration timeout,
                @Value("${boxoffice.seatmap.history-seats:50000}") int historySeats,
                @Value("${boxoffice.seatmap.patience-ticks:5}") int patience) {
        this.patience = patience;
        this.inventory = inventory;
        this.tick = tick;
        this.heartbeat = heartbeat;
        this.timeout = timeout;
        this.historySeats = historySeats;
    }

    @EventListener
    void on(SeatsChanged changed) {
        EventStream stream = stream(changed.eventId());
        if (!stream.add(changed)) {
            // Clients whose state predates the rebuild reconnect (browsers do so by themselves) for a fresh snapshot;
            // those still reading theirs check it against the reset once started (see subscribe). Closing waits for
            // sends in flight, so it happens off this thread, which may be Redis's event loop.
            stream.subscribers.stream().filter(s -> s.startedAt() < changed.seq())
                    .forEach(s -> Thread.ofVirtual().name("sse-close").start(s::close));
        }
    }

    /** Connects a client: a snapshot, or only what it missed when it resumes from {@code lastEventId}. */
    SseEmitter subscribe(long eventId, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Subscriber subscriber = new Subscriber(emitter, patience, SeatStreams::changes);
        // Join before reading the state, so that no change falls between the two; changes wait for the first message.
        // Joining happens atomically with the stream's creation, so an idle stream is never dropped under a new client.
        EventStream stream = streams.compute(eventId, (id, existing) -> {
            EventStream joined = existing != null ? existing : new EventStream(historySeats, ticks);
            joined.subscribers.add(subscriber);
            return joined;
        });
        emitter.onCompletion(() -> stream.subscribers.remove(subscriber));
        emitter.onTimeout(subscriber::close);
        emitter.onError(e -> subscriber.close());
        try {
            Optional<EventStream.Tick> missed = lastEventId == null ? Optional.empty() : stream.since(lastEventId);
            if (missed.isPresent()) {
                EventStream.Tick tick = missed.get();
                subscriber.start(tick.toSeq(), tick.seats().isEmpty() ? null : changes(tick));
            } else {
                SeatMap snapshot = inventory.seatMap(eventId, null);
                subscriber.start(snapshot.seq(), SseEmitter.event().name("snapshot").id(String.valueOf(snapshot.seq()))
                        .data(snapshot, MediaType.APPLICATION_JSON));
            }
            if (subscriber.startedAt() < stream.lastResetSeq()) {
                // the stream started over while this client's state was being read: it needs a fresh one
                Thread.ofVirtual().name("sse-close").start(subscriber::close);
            }
        } catch (RuntimeException e) {
            stream.subscribers.remove(subscriber); // the request fails as a whole: no stream was ever handed out
            throw e;
        }
        return emitter;
    }

    private EventStream stream(long eventId) {
        return streams.computeIfAbsent(eventId, id -> new EventStream(historySeats, ticks));
    }

    void flush() {
        boolean beat = ++ticks % Math.max(1, heartbeat.toMillis() / tick.toMillis()) == 0;
        // a stream nobody follows keeps its history for a while (clients reconnect), then goes
        for (Long eventId : streams.keySet()) {
            streams.computeIfPresent(eventId, (id, stream) -> stream.idleSince(ticks, IDLE_TICKS) ? null : stream);
        }
        for (EventStream stream : streams.values()) {
            var flushed = stream.flush();
            for (Subscriber subscriber : stream.subscribers) {
                if (subscriber.closed()) {
                    stream.subscribers.remove(subscriber);
                } else if (flushed.isPresent()) {
                    subscriber.offerChanges(flushed.get());
                } else if (beat) {
                    subscriber.offer(SseEmitter.event().comment("heartbeat"));
                }
            }
        }
    }

    private static SseEmitter.SseEventBuilder changes(EventStream.Tick tick) {
        List<Map<String, Object>> seats = Subscriber.seats(tick.seats());
        return SseEmitter.event().name("changes").id(String.valueOf(tick.toSeq()))
                .data(Map.of("seq", tick.toSeq(), "seats", seats), MediaType.APPLICATION_JSON);
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("seat-stream-tick").daemon().factory());
        scheduler.scheduleAtFixedRate(this::safeFlush, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeFlush() {
        try {
            flush();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SeatStreams.class).warn("Seat stream tick failed", e);
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        streams.values().forEach(stream -> stream.subscribers.forEach(Subscriber::close));
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
