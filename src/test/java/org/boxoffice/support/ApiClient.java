package org.boxoffice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client against the running application: real requests, real JSON. Each client stands for one
 * client machine: its requests carry an address of their own in {@code X-Forwarded-For} (the test service trusts
 * the loopback proxy), so that per-address limits of one test never throttle another.
 */
public final class ApiClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger ADDRESSES = new AtomicInteger(new java.util.Random().nextInt(60_000));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String address;

    public ApiClient(int port) {
        this(port, nextAddress());
    }

    public ApiClient(int port, String address) {
        this.base = "http://localhost:" + port;
        this.address = address;
    }

    /** A fresh address in 198.18.0.0/15, the range set aside for benchmarks and tests. */
    public static String nextAddress() {
        int n = ADDRESSES.incrementAndGet() & 0x1FFFF;
        return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
    }

    /** The address this client's requests come from, as the service sees it. */
    public String address() {
        return address;
    }

    public record Response(int status, HttpResponse<String> raw, @Nullable JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("content-type");
        }

        public String text(String field) {
            return json.get(field).asString();
        }

        /** The problem-details type without its base URI, e.g. {@code seats-unavailable}. */
        public String problemType() {
            String type = json.get("type").asString();
            return type.substring(type.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public Response get(String path, @Nullable String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Response post(String path, @Nullable String token, @Nullable Object body) {
        return send("POST", path, token, body == null ? null : json(body), Map.of());
    }

    public Response post(String path, @Nullable String token, @Nullable Object body, Map<String, String> headers) {
        return send("POST", path, token, body == null ? null : json(body), headers);
    }

    public Response delete(String path, @Nullable String token) {
        return send("DELETE", path, token, null, Map.of());
    }

    /** Sends a raw body with explicit headers, for malformed-request tests. */
    public Response send(String method, String path, @Nullable String token, @Nullable String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("x-forwarded-for"))) {
            request.header("X-Forwarded-For", address);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String type = response.headers().firstValue("content-type").orElse("");
            if (type.contains("json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
