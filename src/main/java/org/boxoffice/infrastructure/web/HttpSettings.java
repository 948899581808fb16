package org.boxoffice.infrastructure.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the HTTP edge ({@code boxoffice.http.*}); defaults and environment variables in {@code application.yml}.
 *
 * @param maxBodyBytes largest accepted request body
 * @param headerTimeout time for a request's headers to arrive after its first byte
 * @param bodyTimeout time for its body to arrive after its headers
 * @param trustedHosts comma-separated Host names answered; blank accepts any
 * @param maxInFlight requests served at once; more are refused with 503
 * @param maxInFlightPerAddress of those, at most this many from one client address (an IPv6 /64 counts as one)
 * @param shedAboveHeapFraction refuse new requests while the heap after garbage collection is fuller than this
 * @param socketSendBuffer bytes of each connection's socket send buffer
 */
@ConfigurationProperties("boxoffice.http")
public record HttpSettings(long maxBodyBytes, Duration headerTimeout, Duration bodyTimeout, String trustedHosts,
                           int maxInFlight, int maxInFlightPerAddress, double shedAboveHeapFraction, int socketSendBuffer) {
}
