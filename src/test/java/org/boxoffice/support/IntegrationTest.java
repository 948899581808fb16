package org.boxoffice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.account.VerificationMails;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP tests: the whole application on a random port with an H2 database on disk in a fresh
 * folder, a clock the test moves, and the test issuer trusted. All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IntegrationTest.TestClockConfiguration.class)
public abstract class IntegrationTest {
    private static final Path DATA_DIR = tempDir();
    /** Every charge and refund call the service makes, in the order made (see {@link TestPayments}). */
    protected static final Path PAYMENT_CALLS = DATA_DIR.resolve("payment-calls.log");
    protected static final MutableClock CLOCK = new MutableClock(Instant.now());

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    protected ApiClient api;
    protected Fixtures fixtures;

    /** Verification messages the service would have mailed, by address, for tests to read. */
    protected static final Map<String, String> MAILED_VERIFICATIONS = new ConcurrentHashMap<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClockConfiguration {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }

        @Bean
        @Primary
        VerificationMails capturedVerificationMails() {
            return (email, name, token) -> MAILED_VERIFICATIONS.put(email, token);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("boxoffice.data-dir", () -> DATA_DIR.toString());
        registry.add("boxoffice.test.payment-call-log", () -> PAYMENT_CALLS.toString());
        registry.add("boxoffice.demo-data", () -> "false");
        registry.add("boxoffice.jwt.trusted.issuer", () -> TestTokens.ISSUER);
        registry.add("boxoffice.jwt.trusted.public-key", TestTokens::publicKeyPem);
        registry.add("boxoffice.payment.slow-delay", () -> "300ms");
        // recovery and sweeping are driven by the tests themselves
        registry.add("boxoffice.ordering.recovery-interval", () -> "1h");
        registry.add("boxoffice.inventory.sweep-interval", () -> "1h");
        registry.add("boxoffice.waitingroom.admit-interval", () -> "1h");
        // as behind a proxy: ApiClient gives each test client an address of its own in X-Forwarded-For
        registry.add("server.forward-headers-strategy", () -> "native");
        registry.add("boxoffice.http.trusted-hosts", () -> "localhost,127.0.0.1");
        registry.add("boxoffice.http.header-timeout", () -> "2s");
        registry.add("boxoffice.http.body-timeout", () -> "2s");
        registry.add("server.tomcat.connection-timeout", () -> "4s");
        registry.add("boxoffice.seatmap.write-timeout", () -> "2s");
        // Tomcat keeps counting a stream whose write failed as in progress (docs/hardening.md, known gaps), and graceful
        // shutdown waits for that count: at the end of the run, do not wait the production 30 s for it
        registry.add("spring.lifecycle.timeout-per-shutdown-phase", () -> "3s");
        // race tests send hundreds of requests from one client: the per-address limit must not throttle them
        registry.add("boxoffice.ratelimit.per-ip", () -> "100000");
        registry.add("boxoffice.http.max-in-flight-per-address", () -> "1000");
        registry.add("boxoffice.ratelimit.per-user", () -> "20");
        // a small budget of wrong passwords per account, so that a test can use it up quickly
        registry.add("boxoffice.auth.failures-per-account", () -> "8");
    }

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        fixtures = new Fixtures(api, CLOCK::instant);
    }

    private static Path tempDir() {
        try {
            Path base = Path.of("target", "test-data");
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), "run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
