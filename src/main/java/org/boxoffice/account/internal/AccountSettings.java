package org.boxoffice.account.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The account module's settings ({@code boxoffice.auth.*} and {@code boxoffice.jwt.*}); defaults and environment
 * variables in {@code application.yml}.
 */
@ConfigurationProperties("boxoffice")
record AccountSettings(Auth auth, Jwt jwt) {

    /**
     * @param bcryptCost bcrypt work factor; each step doubles the cost of a sign-in
     * @param hashingThreads platform threads that hash passwords (0: half the cores)
     * @param hashingQueue hashes that may wait for a thread; beyond that, 503
     * @param minimumPasswordEntropy bits of estimated entropy a new password needs
     * @param signInsPerAddressPerMinute sign-in attempts per client address and minute
     * @param registrationsPerAddressPerHour registrations per client address and hour
     * @param failuresPerAccount wrong passwords from anywhere before the account is throttled
     * @param failuresPerAccountAndAddress wrong passwords from one address before that address is throttled for the account
     */
    public record Auth(int bcryptCost, int hashingThreads, int hashingQueue, double minimumPasswordEntropy,
                       long signInsPerAddressPerMinute, long registrationsPerAddressPerHour,
                       long failuresPerAccountAndAddress, long failuresPerAccount) {
    }

    /**
     * @param issuer iss of the tokens this service issues
     * @param lifetime lifetime of issued access tokens
     * @param verifiedCacheSize verified tokens remembered (0: sized from the heap)
     * @param signingKeyFile RSA JWK file to sign with instead of the generated key; blank: generated
     * @param trusted an issuer outside the service whose tokens are accepted too
     */
    public record Jwt(String issuer, Duration lifetime, long verifiedCacheSize, String signingKeyFile, Trusted trusted) {
    }

    /**
     * @param issuer its iss; blank: none trusted
     * @param publicKey its RSA or EC public key, PEM text or file:/path.pem
     * @param jwksUrl alternatively, its JWK set URL
     */
    public record Trusted(String issuer, String publicKey, String jwksUrl) {
    }
}
