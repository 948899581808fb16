package org.boxoffice.shared;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure that reaches the client as an RFC 9457 problem detail. Domain services throw it (or return it)
 * with a stable type slug; the web layer renders it.
 */
public class ApiProblem extends RuntimeException {

    public static final String TYPE_BASE = "https://boxoffice.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties;

    public ApiProblem(int status, String slug, String title, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public ApiProblem(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of());
    }

    /** 503: a dependency (Redis, the database) is unreachable; the client should retry after a short while. */
    public static ApiProblem unavailable(String detail, int retryAfterSeconds) {
        return new ApiProblem(503, "service-unavailable", "Service unavailable", detail,
                Map.of("retryAfterSeconds", retryAfterSeconds));
    }

    /** 429: the caller used up a limit; a retry makes sense after {@code seconds}, sent as Retry-After. */
    public static ApiProblem tooManyRequests(String slug, String title, String detail, long seconds) {
        return new ApiProblem(429, slug, title, detail,
                Map.of("retryAfterSeconds", (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds))));
    }

    /** Seconds after which a retry makes sense, for a Retry-After header; 0 when not applicable. */
    public int retryAfterSeconds() {
        return properties.get("retryAfterSeconds") instanceof Integer seconds ? seconds : 0;
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "not-found", "Not found", what + " does not exist");
    }

    public static ApiProblem badRequest(String slug, String detail) {
        return new ApiProblem(400, slug, "Bad request", detail);
    }

    public static ApiProblem badRequest(String detail) {
        return badRequest("invalid-request", detail);
    }

    public int status() {
        return status;
    }

    public URI type() {
        return URI.create(TYPE_BASE + slug);
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** The problem-details body, members in the order RFC 9457 lists them. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type().toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail());
        body.putAll(properties);
        return body;
    }
}
