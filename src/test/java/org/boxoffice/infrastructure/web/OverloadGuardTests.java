package org.boxoffice.infrastructure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class OverloadGuardTests {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MemoryPressure memory = new MemoryPressure(0.90, registry);
    private final OverloadGuard guard = new OverloadGuard(2, 50, memory, new ProblemWriter(JsonMapper.builder().build()), registry);

    private static MockHttpServletRequest request(String path) {
        return request(path, "203.0.113.1");
    }

    private static MockHttpServletRequest request(String path, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        request.setRemoteAddr(address);
        return request;
    }

    /** Starts a request through the guard that stays inside until {@code release} opens; returns once it is inside. */
    private static void holdInside(OverloadGuard guard, MockHttpServletRequest request, CountDownLatch release) throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                guard.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
                    inside.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void refusesOneAddressBeyondItsShareWhileOthersAreServed() throws Exception {
        OverloadGuard guard = new OverloadGuard(100, 1, memory, new ProblemWriter(JsonMapper.builder().build()), registry);
        CountDownLatch release = new CountDownLatch(1);
        holdInside(guard, request("/api/v1/events", "203.0.113.9"), release);

        MockHttpServletResponse same = new MockHttpServletResponse();
        guard.doFilter(request("/api/v1/events", "203.0.113.9"), same, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
        MockHttpServletResponse other = new MockHttpServletResponse();
        guard.doFilter(request("/api/v1/events", "203.0.113.10"), other, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
        release.countDown();

        assertThat(same.getStatus()).isEqualTo(429);
        assertThat(other.getStatus()).isEqualTo(200);
    }

    @Test
    void refusesWorkBeyondTheInFlightLimitAndTakesItAgainOnceRequestsFinish() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        holdInside(guard, request("/api/v1/events", "203.0.113.1"), release);
        holdInside(guard, request("/api/v1/events", "203.0.113.2"), release);

        MockHttpServletResponse refused = new MockHttpServletResponse();
        guard.doFilter(request("/api/v1/events"), refused, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
        MockHttpServletResponse probe = new MockHttpServletResponse();
        guard.doFilter(request("/readyz"), probe, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(probe.getStatus()).as("probes always pass").isEqualTo(200);

        release.countDown();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> {
            MockHttpServletResponse later = new MockHttpServletResponse();
            guard.doFilter(request("/api/v1/events"), later, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
            return later.getStatus() == 200;
        });
    }

    @Test
    void shedsNewWorkWhileTheHeapIsNearlyFullAfterCollectionAndRecoversBelowTheLowMark() throws Exception {
        memory.observe(95, 100);
        MockHttpServletResponse refused = new MockHttpServletResponse();
        guard.doFilter(request("/api/v1/events"), refused, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("5");

        memory.observe(88, 100);
        assertThat(memory.high()).as("still above the low mark of 85 %").isTrue();
        memory.observe(80, 100);
        assertThat(memory.high()).isFalse();
        MockHttpServletResponse served = new MockHttpServletResponse();
        guard.doFilter(request("/api/v1/events"), served, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
        assertThat(served.getStatus()).isEqualTo(200);
    }

    @Test
    void findsOutByItselfThatThePressureHasPassedWhenNothingElseCollects() {
        memory.observe(95, 100); // as after a flood: then nothing allocates, and no collection comes by itself
        assertThat(memory.high()).isTrue();
        memory.start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> !memory.high());
        } finally {
            memory.stop();
        }
    }
}
