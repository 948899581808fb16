package org.boxoffice.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the event's status once a second, as a waiting-room page that is told when the sale has sold out: from then
 * on, users still in the queue leave instead of polling on. Also notes when that happened, for the summary.
 */
final class SoldOutWatch {
    private final AtomicReference<Instant> soldOutAt = new AtomicReference<>();

    SoldOutWatch(Settings settings, String eventId) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest read = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/api/v1/events/" + eventId)).GET().build();
        Thread.ofVirtual().name("sold-out-watch").start(() -> {
            while (soldOutAt.get() == null) {
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                    if (http.send(read, HttpResponse.BodyHandlers.ofString()).body().contains("\"SOLD_OUT\"")) {
                        soldOutAt.set(Instant.now());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (java.io.IOException e) {
                    // the node is busy or restarting: ask again next second
                }
            }
        });
    }

    boolean soldOut() {
        return soldOutAt.get() != null;
    }

    Instant soldOutAt() {
        return soldOutAt.get();
    }
}
