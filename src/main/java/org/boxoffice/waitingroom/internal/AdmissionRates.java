package org.boxoffice.waitingroom.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The admission rate as measured: samples of the cluster-wide admitted count over the last minute. Estimated
 * waits use it (falling back to the configured rate until there is a minute of history or while it is zero).
 */
@Component
public class AdmissionRates {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private record Sample(Instant at, long admitted) {
    }

    private final Map<Long, Deque<Sample>> samples = new ConcurrentHashMap<>();

    public void record(long eventId, long admittedTotal, Instant now) {
        Deque<Sample> history = samples.computeIfAbsent(eventId, id -> new ArrayDeque<>());
        synchronized (history) {
            history.addLast(new Sample(now, admittedTotal));
            while (history.size() > 2 && history.peekFirst().at().isBefore(now.minus(WINDOW))) {
                history.removeFirst();
            }
        }
    }

    /** Admissions per second measured over the last minute, or null without enough history. */
    Double measured(long eventId) {
        Deque<Sample> history = samples.get(eventId);
        if (history == null) {
            return null;
        }
        synchronized (history) {
            if (history.size() < 2) {
                return null;
            }
            Sample first = history.peekFirst();
            Sample last = history.peekLast();
            long seconds = Duration.between(first.at(), last.at()).toSeconds();
            return seconds < WINDOW.toSeconds() / 2 ? null : (double) (last.admitted() - first.admitted()) / seconds;
        }
    }

    /**
     * Seconds until a buyer at {@code position} is admitted: at the measured rate, or the configured one until there
     * is a measurement; never less than the cap on active buyers allows, since each place frees up at most once an
     * admission's length.
     */
    public long secondsToAdmit(long eventId, long position, int configuredPerMinute, int maxActive, Duration admission) {
        Double perSecond = measured(eventId);
        double rate = perSecond == null || perSecond <= 0 ? configuredPerMinute / 60.0 : perSecond;
        long byRate = (long) Math.ceil(position / rate);
        long byCap = (position - 1) / Math.max(1, maxActive) * admission.toSeconds();
        return Math.max(byRate, byCap);
    }
}
