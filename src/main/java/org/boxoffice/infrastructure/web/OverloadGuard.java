package org.boxoffice.infrastructure.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.infrastructure.Places;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the work a node takes on: at most {@code max-in-flight} requests are served at once (with virtual threads
 * nothing else would stop ten thousand from piling up behind a slow database), at most {@code max-in-flight-per-address}
 * of them for one client address (so that one client trickling bodies or not reading answers cannot take every
 * place), and while the heap is nearly full of live objects new requests are refused. The answer is 503 (429 for one
 * address over its share) with Retry-After, and the node recovers by itself once the load falls. Health probes always
 * pass: a busy node is not a dead one. Seat streams are long-lived and have caps of their own, so they take no place.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class OverloadGuard extends OncePerRequestFilter {
    private final Semaphore inFlight;
    private final int perAddress;
    private final Places byAddress = new Places();
    private final MemoryPressure memory;
    private final ProblemWriter problems;
    private final Counter shedBusy;
    private final Counter shedMemory;

    @Autowired
    OverloadGuard(HttpSettings settings, MemoryPressure memory, ProblemWriter problems, MeterRegistry registry) {
        this(settings.maxInFlight(), settings.maxInFlightPerAddress(), memory, problems, registry);
    }

    OverloadGuard(int maxInFlight, int perAddress, MemoryPressure memory, ProblemWriter problems, MeterRegistry registry) {
        this.inFlight = new Semaphore(maxInFlight);
        this.perAddress = perAddress;
        this.memory = memory;
        this.problems = problems;
        this.shedBusy = Counter.builder("boxoffice.http.shed").tag("reason", "busy")
                .description("Requests refused because the node was at its limit").register(registry);
        this.shedMemory = Counter.builder("boxoffice.http.shed").tag("reason", "memory")
                .description("Requests refused because the node was at its limit").register(registry);
        Gauge.builder("boxoffice.http.in.flight", inFlight, s -> maxInFlight - s.availablePermits())
                .description("Requests being served").register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/livez") || path.equals("/readyz") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (memory.high()) {
            shedMemory.increment();
            problems.write(response, ApiProblem.unavailable("The service is overloaded; please retry shortly", 5));
            return;
        }
        if (request.getRequestURI().endsWith("/seats/stream")) {
            chain.doFilter(request, response);
            return;
        }
        String address = ClientAddress.of(request);
        if (!byAddress.take(address, perAddress)) {
            shedBusy.increment();
            problems.write(response, ApiProblem.tooManyRequests("too-many-requests", "Too many requests",
                    "Too many requests from your address at once; please retry shortly", 1));
            return;
        }
        try {
            if (!inFlight.tryAcquire()) {
                shedBusy.increment();
                problems.write(response, ApiProblem.unavailable("The service is at its limit of requests; please retry shortly", 1));
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                inFlight.release();
            }
        } finally {
            byAddress.give(address);
        }
    }

}
