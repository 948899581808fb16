package org.boxoffice.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What the virtual users lived through, counted as it happens, and the run's JSON summary. */
final class Outcomes {
    private final AtomicLong holdsPlaced = new AtomicLong();
    private final AtomicLong seatsTaken = new AtomicLong();
    private final AtomicLong notEnoughSeats = new AtomicLong();
    private final AtomicLong purchases = new AtomicLong();
    private final AtomicLong declined = new AtomicLong();
    private final AtomicLong holdExpired = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicReference<Instant> lastPurchase = new AtomicReference<>();
    private final java.util.Queue<Long> queueWaitsMillis = new java.util.concurrent.ConcurrentLinkedQueue<>();

    void admitted(Duration waited) {
        queueWaitsMillis.add(waited.toMillis());
    }

    void hold(int status, String problem) {
        if (status == 201) {
            holdsPlaced.incrementAndGet();
        } else if (problem != null && problem.endsWith("not-enough-seats")) {
            notEnoughSeats.incrementAndGet();
        } else {
            seatsTaken.incrementAndGet();
        }
    }

    void payment(int status) {
        switch (status) {
            case 201 -> {
                purchases.incrementAndGet();
                lastPurchase.set(Instant.now());
            }
            case 402 -> declined.incrementAndGet();
            default -> holdExpired.incrementAndGet();
        }
    }

    void cancelled() {
        cancelled.incrementAndGet();
    }

    /** {@code results}/summary.json; the path is printed for the operator. */
    void write(Settings settings, OnSale sale, Instant soldOutAt, Invariants.Report invariants) {
        Instant last = lastPurchase.get();
        long[] waits = queueWaitsMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        String json = """
                {"eventId":"%s","users":%d,"seats":%d,"onSaleAt":"%s",
                 "holdsPlaced":%d,"holdsRefusedSeatTaken":%d,"holdsRefusedNotEnoughSeats":%d,
                 "purchases":%d,"paymentsDeclined":%d,"paymentsHoldExpired":%d,"cancellations":%d,
                 "secondsFromOnSaleToLastPurchase":%s,"secondsFromOnSaleToSoldOut":%s,
                 "admitted":%d,"queueWaitSeconds":{"p50":%s,"p90":%s,"p99":%s,"max":%s},
                 "invariants":%s}
                """.formatted(sale.eventId(), settings.users(), settings.seats(), sale.onSaleAt(), holdsPlaced.get(), seatsTaken.get(),
                notEnoughSeats.get(), purchases.get(), declined.get(), holdExpired.get(), cancelled.get(),
                last == null ? "null" : String.valueOf(Duration.between(sale.onSaleAt(), last).toMillis() / 1000.0),
                soldOutAt == null ? "null" : String.valueOf(Duration.between(sale.onSaleAt(), soldOutAt).toMillis() / 1000.0),
                waits.length, percentile(waits, 0.50), percentile(waits, 0.90), percentile(waits, 0.99), percentile(waits, 1.0),
                invariants == null ? "null" : invariants.json());
        try {
            Files.createDirectories(settings.results());
            Path summary = settings.results().resolve("summary.json");
            Files.writeString(summary, json);
            System.out.println("Flash sale summary: " + summary.toAbsolutePath() + "\n" + json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The wait in seconds that this share of admitted users did not exceed; null when nobody was admitted. */
    private static String percentile(long[] sortedMillis, double share) {
        if (sortedMillis.length == 0) {
            return "null";
        }
        int index = (int) Math.ceil(share * sortedMillis.length) - 1;
        return String.valueOf(sortedMillis[Math.max(0, index)] / 1000.0);
    }
}
