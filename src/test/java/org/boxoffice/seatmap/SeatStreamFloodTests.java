package org.boxoffice.seatmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.NodeProcess;
import org.boxoffice.support.SseClient;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 1,500 seat streams that never read, against one node in a process of its own with a small heap (256 MiB) and the
 * default caps, on the demo's 10,000-seat event: each stream starts with a snapshot of about 1.4 MB. Once, such a
 * flood ran the node out of memory and left it unable to answer for minutes after the attacker had gone.
 */
class SeatStreamFloodTests {
    private static final int FLOOD = 1_500;
    /** The default cap of a 256 MiB heap: two streams per MiB. */
    private static final int NODE_CAP = 512;
    private static NodeProcess node;

    @BeforeAll
    static void startNode() {
        node = NodeProcess.start(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), Map.of(
                "boxoffice.demo-data", "true",
                // a stalled stream is cut after the idle timeout: 30 s (default 10 s) outlasts the flood's arrival
                // even on a busy CI machine, so the node must refuse it by its caps, and still lets go well within
                // the minute the test waits for that
                "server.tomcat.connection-timeout", "30s",
                "server.forward-headers-strategy", "native", // the flood comes from many addresses, as a botnet's would
                "boxoffice.jwt.trusted.issuer", TestTokens.ISSUER,
                "boxoffice.jwt.trusted.public-key", TestTokens.publicKeyPem()), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static Socket unreadStream(String address) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // a client that reads nothing: its buffer fills at once
        socket.connect(new InetSocketAddress("127.0.0.1", node.port()), 5_000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET /api/v1/events/1/seats/stream HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: "
                + address + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** The status code, read byte by byte so that nothing after the status line is taken off the socket. */
    private static int status(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n' && b >= 0; b = in.read()) {
            line.append((char) b);
        }
        String[] parts = line.toString().split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }

    @Test
    void survivesAFloodOfUnreadStreamsAndServesEveryoneElseThroughout() throws Exception {
        ApiClient visitor = new ApiClient(node.port());
        List<Socket> flood = new ArrayList<>();
        Map<Integer, Integer> answers = new HashMap<>();
        // the on-sale goes on during the flood: the seat map changes all the time, as it would
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger churned = new AtomicInteger();
        Thread churn = Thread.ofVirtual().start(() -> {
            ApiClient buyer = new ApiClient(node.port());
            while (flooding.get()) {
                String token = TestTokens.fan();
                ApiClient.Response hold = buyer.post("/api/v1/events/1/holds", token, Map.of("best", Map.of("quantity", 2)));
                if (hold.status() == 201) {
                    buyer.delete("/api/v1/holds/" + hold.json().get("holdId").asString(), token);
                    churned.incrementAndGet();
                }
            }
        });
        try {
            // 100 streams from one address, then 1,400 from 350 addresses (4 each)
            String single = ApiClient.nextAddress();
            for (int i = 0; i < FLOOD; i++) {
                String address = i < 100 ? single : "10.66." + (i / 4 / 250) + "." + (i / 4 % 250);
                Socket socket = unreadStream(address);
                flood.add(socket);
                answers.merge(status(socket), 1, Integer::sum);
                if (i % 250 == 0) {
                    long started = System.nanoTime();
                    assertThat(visitor.get("/api/v1/events", null).status()).isEqualTo(200);
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("browse during the flood")
                            .isLessThan(Duration.ofSeconds(1));
                }
            }
            assertThat(answers.keySet()).as("only accepted, over the address cap, over the node cap").containsOnly(200, 429, 503);
            assertThat(answers.get(429)).as("one address beyond its 20 streams").isEqualTo(80);
            // a stream the node ended (too slow, failed) gives its place to a later one: the cap bounds those open at once
            int ended = (int) node.metric("boxoffice_seatmap_streams_ended_total");
            assertThat(node.metric("boxoffice_seatmap_streams ")).as("open at once, at most the node's cap").isLessThanOrEqualTo(NODE_CAP);
            assertThat(answers.get(200)).as("accepted, at most the node's cap beyond the %d the node ended", ended)
                    .isLessThanOrEqualTo(NODE_CAP + ended).isGreaterThan(NODE_CAP / 2);
            assertThat(answers.get(503)).as("refused once the node was full").isPositive();

            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                assertThat(visitor.get("/api/v1/events", null).status()).isEqualTo(200);
                assertThat(visitor.get("/api/v1/events/1", null).status()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("browse while the flood is held open")
                        .isLessThan(Duration.ofSeconds(1));
            }
            assertThat(node.alive()).isTrue();
            System.out.printf("Flood of %d unread streams while %d holds came and went: %s; heap in use %.0f MiB of 256, open streams %.0f%n",
                    FLOOD, churned.get(), answers, node.metric("jvm_memory_used_bytes{area=\"heap\"") / (1 << 20),
                    node.metric("boxoffice_seatmap_streams "));
        } finally {
            flooding.set(false);
            churn.join();
            for (Socket socket : flood) {
                socket.close();
            }
        }
        assertThat(churned.get()).as("holds placed and released during the flood").isPositive();
        assertThat(node.log()).doesNotContain("OutOfMemoryError");

        // after the flood, a new viewer follows the event live
        try (SseClient viewer = new SseClient("http://localhost:" + node.port() + "/api/v1/events/1/seats/stream", null,
                Map.of("X-Forwarded-For", ApiClient.nextAddress()))) {
            assertThat(viewer.status()).isEqualTo(200);
            assertThat(viewer.next("snapshot", Duration.ofSeconds(10))).isNotNull();
            ApiClient.Response hold = visitor.post("/api/v1/events/1/holds", TestTokens.fan(), Map.of("best", Map.of("quantity", 2)));
            assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
            String seat = hold.json().get("seats").get(0).get("id").asString();
            long held = System.nanoTime();

            SseClient.Event changes = viewer.next(e -> "changes".equals(e.name()) && e.data().contains("\"" + seat + "\""),
                    Duration.ofSeconds(5));
            assertThat(changes).as("the new hold reaches the viewer").isNotNull();
            assertThat(Duration.ofNanos(changes.receivedAtNanos() - held)).isLessThan(Duration.ofSeconds(2));
        }
        // and the node lets go of every stream of the flood by itself
        Awaitility.await("flood streams released").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> node.metric("boxoffice_seatmap_streams ") <= 1);
        assertThat(node.log()).doesNotContain("OutOfMemoryError");
        assertThat(node.alive()).isTrue();
    }
}
