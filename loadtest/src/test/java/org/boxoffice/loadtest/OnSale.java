package org.boxoffice.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The event a run sells: a venue and an event with a waiting room, made through the organizer API. */
record OnSale(String eventId, Instant onSaleAt, List<List<String>> seatIdsBySection) {
    private static final Pattern ID = Pattern.compile("\"(venueId|eventId)\"\\s*:\\s*\"?([0-9]+)");
    private static final Pattern SEAT = Pattern.compile("\\{\"id\":\"([0-9]+)\",\"section\":\"([^\"]+)\"");

    static OnSale create(Settings settings, String organizerToken) {
        return create(settings, organizerToken, true);
    }

    /** Without a waiting room the sale opens at once and anyone may hold. */
    static OnSale create(Settings settings, String organizerToken, boolean waitingRoom) {
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder sections = new StringBuilder();
        for (int s = 0; s < settings.sections(); s++) {
            StringBuilder rows = new StringBuilder();
            for (int r = 1; r <= settings.rows(); r++) {
                rows.append(r > 1 ? "," : "").append("{\"label\":\"").append(r).append("\",\"seats\":").append(settings.seatsPerRow()).append('}');
            }
            sections.append(s > 0 ? "," : "").append("{\"name\":\"S").append(s + 1).append("\",\"rows\":[").append(rows).append("]}");
        }
        String venueId = id(post(http, settings, organizerToken, "/api/v1/admin/venues",
                "{\"name\":\"Load test arena\",\"sections\":[" + sections + "]}"));
        Instant onSaleAt = waitingRoom ? Instant.now().plusSeconds(settings.prequeueSeconds()) : Instant.now().minusSeconds(60);
        StringBuilder sectionNames = new StringBuilder();
        for (int s = 0; s < settings.sections(); s++) {
            sectionNames.append(s > 0 ? "," : "").append("\"S").append(s + 1).append('"');
        }
        String eventId = id(post(http, settings, organizerToken, "/api/v1/admin/events", """
                {"venueId":"%s","name":"Load test on-sale","startsAt":"%s","onSaleAt":"%s","maxSeatsPerOrder":4,"holdSeconds":%d,
                 "categories":[{"name":"Standard","price":{"amount":"60.00","currency":"EUR"},"sections":[%s]}],
                 "buyerLimits":{"holdsPerBuyerPerHour":100},
                 "waitingRoom":{"enabled":%s,"admitPerMinute":%d,"maxActiveUsers":%d,"prequeueMinutes":%d,"proofOfWorkMaxNumber":%d}}
                """.formatted(venueId, Instant.now().plus(Duration.ofDays(30)), onSaleAt, settings.holdSeconds(), sectionNames, waitingRoom, settings.admitPerMinute(),
                settings.maxActiveUsers(), Math.max(1, (settings.prequeueSeconds() + 59) / 60) + 1, settings.proofOfWorkMaxNumber())));
        List<List<String>> bySection = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher seat = SEAT.matcher(get(http, settings, "/api/v1/events/" + eventId + "/seats"));
        while (seat.find()) {
            int index = names.indexOf(seat.group(2));
            if (index < 0) {
                names.add(seat.group(2));
                bySection.add(new ArrayList<>());
                index = names.size() - 1;
            }
            bySection.get(index).add(seat.group(1));
        }
        return new OnSale(eventId, onSaleAt, bySection);
    }

    private static String id(String body) {
        Matcher matcher = ID.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return matcher.group(2);
    }

    private static String post(HttpClient http, Settings settings, String token, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return send(http, request, 201);
    }

    private static String get(HttpClient http, Settings settings, String path) {
        return send(http, HttpRequest.newBuilder(URI.create(settings.baseUrl() + path)).GET().build(), 200);
    }

    private static String send(HttpClient http, HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
