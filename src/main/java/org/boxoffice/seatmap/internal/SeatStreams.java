package org.boxoffice.seatmap.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.boxoffice.inventory.SeatMapDocument;
import org.boxoffice.inventory.SeatMaps;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.inventory.SeatsChanged;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Fans seat changes out to connected clients. Changes of any node arrive as {@link SeatsChanged}; each tick (one
 * second) turns an event's changes into one {@code changes} message, encoded once for all of its clients, so a client
 * gets at most one message a second however busy the on-sale is. A snapshot is encoded once per version of the seat
 * map and shared too. What a client costs is its connection and a queue bounded in bytes; a client that stops reading
 * is dropped within the write deadline.
 */
@Component
class SeatStreams implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SeatStreams.class);
    /** Ticks without subscribers after which an event's stream and history are dropped (10 minutes at 1 s). */
    private static final long IDLE_TICKS = 600;
    private static final Frame HEARTBEAT = Frame.comment("heartbeat");

    private final SeatMaps seatMaps;
    private final StreamPermits permits;
    private final Map<Long, EventStream> streams = new ConcurrentHashMap<>();
    /** An event's latest snapshot message, shared by every client that starts from it. */
    private record Snapshot(long seq, Frame frame, long madeAtNanos) {
    }

    private final Map<Long, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Duration tick;
    private final Duration heartbeat;
    private final Duration timeout;
    private final long writeDeadlineNanos;
    private final int historySeats;
    private final int patience;
    private final long maxQueuedBytes;
    private final long maxResumeBytes;
    private final Duration idleTimeout;
    private final Map<Subscriber.Drop, Counter> drops = new EnumMap<>(Subscriber.Drop.class);
    private ScheduledExecutorService scheduler;
    private volatile long ticks;
    private volatile long lastTickNanos = System.nanoTime();

    SeatStreams(SeatMaps seatMaps, StreamPermits permits, MeterRegistry registry,
                SeatmapSettings settings, @Value("${server.tomcat.connection-timeout:10s}") Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
        this.maxResumeBytes = settings.maxResumeBytes();
        this.seatMaps = seatMaps;
        this.permits = permits;
        this.tick = settings.tick();
        this.heartbeat = settings.heartbeat();
        this.timeout = settings.timeout();
        this.writeDeadlineNanos = settings.writeTimeout().toNanos();
        this.historySeats = settings.historySeats();
        this.patience = settings.patienceTicks();
        this.maxQueuedBytes = settings.maxQueuedBytes();
        for (Subscriber.Drop drop : Subscriber.Drop.values()) {
            drops.put(drop, Counter.builder("boxoffice.seatmap.streams.ended").tag("reason", drop.name().toLowerCase())
                    .description("Seat streams ended: closed normally, too slow, stalled writes, failed writes").register(registry));
        }
        Gauge.builder("boxoffice.seatmap.streams", permits, StreamPermits::open).description("Open seat streams")
                .register(registry);
        Gauge.builder("boxoffice.seatmap.tick.age", this, s -> s.tickAge().toMillis() / 1000.0).baseUnit("seconds")
                .description("Time since the seat stream tick last completed; grows when the tick is stuck").register(registry);
    }

    /** How long ago the last tick completed; the health indicator watches it. */
    Duration tickAge() {
        return Duration.ofNanos(System.nanoTime() - lastTickNanos);
    }

    Duration tickInterval() {
        return tick;
    }

    @EventListener
    void on(SeatsChanged changed) {
        EventStream stream = stream(changed.eventId());
        if (!stream.add(changed)) {
            // Clients whose state predates the rebuild reconnect (browsers do so by themselves) for a fresh snapshot;
            // those still reading theirs check it against the reset once started (see subscribe).
            stream.subscribers.stream().filter(s -> s.startedAt() < changed.seq()).forEach(Subscriber::close);
        }
    }

    /**
     * Connects a client: a snapshot, or only what it missed when it resumes from {@code lastEventId}. Refused with a
     * problem when the client or the node has as many streams open as allowed.
     */
    ResponseBodyEmitter subscribe(long eventId, @Nullable Long lastEventId, boolean gzip, String address, @Nullable String userId) {
        StreamPermits.Permit permit = permits.acquire(address, userId);
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(timeout.toMillis());
        Subscriber subscriber = new Subscriber(emitter, gzip, patience, maxQueuedBytes, SeatStreams::changes,
                why -> drops.get(why).increment());
        // Join before reading the state, so that no change falls between the two; changes wait for the first message.
        // Joining happens atomically with the stream's creation, so an idle stream is never dropped under a new client.
        EventStream stream = streams.compute(eventId, (id, existing) -> {
            EventStream joined = existing != null ? existing : new EventStream(historySeats, ticks);
            joined.subscribers.add(subscriber);
            return joined;
        });
        Runnable leave = () -> {
            stream.subscribers.remove(subscriber);
            permit.release();
        };
        // A client leaves when its response completes. When the stream drops it, it stops getting messages at once;
        // its place is given back at once if its connection failed, otherwise once the connection is surely gone (the
        // container ends a stuck write after its idle timeout) - and then even if the container never reports the
        // response complete, as happens after failed writes.
        subscriber.whenEnded(why -> {
            stream.subscribers.remove(subscriber);
            if (why == Subscriber.Drop.FAILED) {
                permit.release();
            } else {
                CompletableFuture.delayedExecutor(idleTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS).execute(permit::release);
            }
        });
        emitter.onCompletion(leave);
        emitter.onTimeout(subscriber::close);
        emitter.onError(e -> subscriber.close());
        try {
            start(eventId, stream, subscriber, lastEventId);
        } catch (RuntimeException | Error e) {
            leave.run(); // the request fails as a whole: no stream was ever handed out
            throw e;
        }
        return emitter;
    }

    /**
     * The client's first message: what it missed since {@code lastEventId} when the history reaches back and that is
     * small (a per-client message, so it is kept to {@code max-resume-bytes}); otherwise a snapshot, shared with every
     * client that joins within a tick of it, followed by the changes since.
     */
    private void start(long eventId, EventStream stream, Subscriber subscriber, @Nullable Long lastEventId) {
        Optional<EventStream.Tick> missed = lastEventId == null ? Optional.empty() : stream.since(lastEventId);
        Frame delta = missed.filter(t -> !t.seats().isEmpty()).map(SeatStreams::changes).orElse(null);
        if (missed.isPresent() && (delta == null || delta.length() <= maxResumeBytes)) {
            subscriber.start(missed.get().toSeq(), delta == null ? List.of() : List.of(delta));
        } else {
            Snapshot recent = snapshots.get(eventId);
            Optional<EventStream.Tick> since = recent == null || System.nanoTime() - recent.madeAtNanos() > tick.toNanos()
                    ? Optional.empty() : stream.since(recent.seq());
            Frame sinceFrame = since.filter(t -> !t.seats().isEmpty()).map(SeatStreams::changes).orElse(null);
            if (since.isPresent() && (sinceFrame == null || sinceFrame.length() <= maxResumeBytes)) {
                subscriber.start(since.get().toSeq(), sinceFrame == null ? List.of(recent.frame()) : List.of(recent.frame(), sinceFrame));
            } else {
                Snapshot fresh = snapshot(seatMaps.document(eventId));
                subscriber.start(fresh.seq(), List.of(fresh.frame()));
            }
        }
        if (subscriber.startedAt() < stream.lastResetSeq()) {
            subscriber.close(); // the stream started over while this client's state was being read
        }
    }

    /** The snapshot message of a seat map version, remembered for the clients that join within the next tick. */
    private Snapshot snapshot(SeatMapDocument document) {
        Snapshot made = new Snapshot(document.seq(), Frame.event("snapshot", document.seq(), document.json()), System.nanoTime());
        if (document.seq() != 0) { // seq 0: read from the database while the live inventory is unreachable
            snapshots.put(document.eventId(), made);
        }
        return made;
    }

    private EventStream stream(long eventId) {
        return streams.computeIfAbsent(eventId, id -> new EventStream(historySeats, ticks));
    }

    void flush() {
        boolean beat = ++ticks % Math.max(1, heartbeat.toMillis() / tick.toMillis()) == 0;
        long now = System.nanoTime();
        // a stream nobody follows keeps its history for a while (clients reconnect), then goes
        for (Long eventId : streams.keySet()) {
            streams.computeIfPresent(eventId, (id, stream) -> {
                if (stream.idleSince(ticks, IDLE_TICKS)) {
                    snapshots.remove(id);
                    return null;
                }
                return stream;
            });
        }
        for (EventStream stream : streams.values()) {
            Optional<EventStream.Tick> flushed = stream.flush();
            Frame frame;
            try {
                frame = flushed.map(SeatStreams::changes).orElse(null);
            } catch (RuntimeException | Error encodingFailed) {
                // the tick's changes are gone from the stream: its clients start over rather than miss them silently
                stream.subscribers.forEach(Subscriber::close);
                continue;
            }
            for (Subscriber subscriber : stream.subscribers) {
                try {
                    if (subscriber.closed()) {
                        stream.subscribers.remove(subscriber);
                        continue;
                    }
                    subscriber.checkWriteDeadline(now, writeDeadlineNanos);
                    if (frame != null) {
                        subscriber.offer(flushed.get(), frame);
                    } else if (beat) {
                        subscriber.heartbeat(HEARTBEAT);
                    }
                } catch (RuntimeException | Error failed) {
                    subscriber.close(); // this client may have missed the tick: it reconnects and catches up
                }
            }
        }
    }

    /** {@code {seq, seats: [{id, status}]}}, written by hand: it is made once a tick for every busy event. */
    static Frame changes(EventStream.Tick tick) {
        StringBuilder json = new StringBuilder(32 + tick.seats().size() * 32);
        json.append("{\"seq\":").append(tick.toSeq()).append(",\"seats\":[");
        boolean first = true;
        for (Map.Entry<Long, SeatStatus> seat : tick.seats().entrySet()) {
            json.append(first ? "" : ",").append("{\"id\":\"").append(seat.getKey()).append("\",\"status\":\"")
                    .append(seat.getValue().name()).append("\"}");
            first = false;
        }
        json.append("]}");
        return Frame.event("changes", tick.toSeq(), json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The tick must outlive anything that goes wrong in it (even running out of memory), or every stream goes quiet. */
    private void safeFlush() {
        try {
            flush();
            lastTickNanos = System.nanoTime();
        } catch (Throwable e) {
            try {
                log.warn("Seat stream tick failed; the next one runs as planned", e);
            } catch (Throwable ignored) {
                // not even logging works: the next tick tries again
            }
        }
    }

    @Override
    public void start() {
        lastTickNanos = System.nanoTime();
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("seat-stream-tick").daemon().factory());
        // a fixed delay, not a fixed rate: a tick that ran late is never followed at once by another to catch up
        scheduler.scheduleWithFixedDelay(this::safeFlush, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
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
