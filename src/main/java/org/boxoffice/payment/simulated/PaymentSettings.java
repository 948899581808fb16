package org.boxoffice.payment.simulated;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated gateway's settings; defaults and environment variables in {@code application.yml}.
 *
 * @param slowDelay how long a payment with the test token tok_slow takes
 */
@ConfigurationProperties("boxoffice.payment")
public record PaymentSettings(Duration slowDelay) {
}
