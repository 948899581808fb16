package org.boxoffice.support;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Server-Sent Events stream into a queue of parsed events; tests wait on the queue, never sleep. A stream the
 * server sends gzip-encoded is decoded on the fly, as a browser would.
 */
public final class SseClient implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Event(@Nullable String name, @Nullable String id, String data, long receivedAtNanos) {
        public JsonNode json() {
            return JSON.readTree(data);
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private final CompletableFuture<Void> started;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile int status;
    private volatile @Nullable String contentEncoding;
    private volatile @Nullable String body;

    public SseClient(String url, @Nullable String lastEventId) {
        this(url, lastEventId, Map.of());
    }

    public SseClient(String url, @Nullable String lastEventId, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        headers.forEach(request::header);
        response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        started = response.thenAccept(r -> {
            status = r.statusCode();
            contentEncoding = r.headers().firstValue("content-encoding").orElse(null);
            Thread.ofVirtual().start(() -> read(r));
        });
    }

    private void read(HttpResponse<InputStream> response) {
        try (InputStream raw = response.body();
             InputStream in = "gzip".equalsIgnoreCase(contentEncoding) ? unzipped(raw) : raw) {
            if (status != 200) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = null;
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, id, data.toString(), System.nanoTime()));
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (IOException | RuntimeException closed) {
            // the stream ended
        } finally {
            ended.countDown();
        }
    }

    /**
     * A GZIPInputStream claims there is more to read until the very end, which makes a Reader wait for more bytes
     * instead of handing over the lines it has; reporting nothing available lets each event through as it arrives.
     */
    private static InputStream unzipped(InputStream raw) throws IOException {
        return new FilterInputStream(new GZIPInputStream(raw, 64)) {
            @Override
            public int available() {
                return 0;
            }
        };
    }

    public int status() throws Exception {
        started.get(10, TimeUnit.SECONDS);
        return status;
    }

    public @Nullable String contentEncoding() throws Exception {
        started.get(10, TimeUnit.SECONDS);
        return contentEncoding;
    }

    /** The body of a refused stream (a problem), once it has been read. */
    public @Nullable String body() throws Exception {
        started.get(10, TimeUnit.SECONDS);
        ended.await(10, TimeUnit.SECONDS);
        return body;
    }

    /** True once the server has ended the stream (or it failed), within the timeout. */
    public boolean ended(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event matching the condition within the timeout, or null; earlier non-matching events are skipped. */
    public @Nullable Event next(Predicate<Event> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                return null;
            }
            if (condition.test(event)) {
                return event;
            }
        }
    }

    public @Nullable Event next(String name, Duration timeout) throws InterruptedException {
        return next(e -> name.equals(e.name()), timeout);
    }

    @Override
    public void close() {
        response.thenAccept(r -> {
            try {
                r.body().close();
            } catch (IOException ignored) {
                // closed already
            }
        });
        response.cancel(true);
        client.shutdownNow(); // closes the connection, so that the server sees the stream end at once
    }
}
