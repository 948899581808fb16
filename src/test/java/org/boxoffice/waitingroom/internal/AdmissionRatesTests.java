package org.boxoffice.waitingroom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdmissionRatesTests {
    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
    private static final Duration ADMISSION = Duration.ofMinutes(15);

    @Test
    void estimatesFromTheConfiguredRateUntilThereIsAMeasurement() {
        AdmissionRates rates = new AdmissionRates();

        assertThat(rates.secondsToAdmit(1, 120, 60, 10_000, ADMISSION)).isEqualTo(120);
    }

    @Test
    void estimatesFromTheRateMeasuredOverTheLastMinute() {
        AdmissionRates rates = new AdmissionRates();
        for (int second = 0; second <= 60; second++) {
            rates.record(1, second * 2L, T0.plusSeconds(second)); // two a second, while 60 a minute are configured
        }

        assertThat(rates.secondsToAdmit(1, 120, 60, 10_000, ADMISSION)).isEqualTo(60);
    }

    @Test
    void neverPromisesMoreThanTheCapOnActiveBuyersAllows() {
        AdmissionRates rates = new AdmissionRates();
        for (int second = 0; second <= 60; second++) {
            rates.record(1, 5, T0.plusSeconds(second)); // nobody admitted: all places taken
        }

        // places free up at most once per admission: position 11 with 2 places waits five admissions' length
        assertThat(rates.secondsToAdmit(1, 11, 600, 2, ADMISSION)).isEqualTo(5 * ADMISSION.toSeconds());
    }
}
