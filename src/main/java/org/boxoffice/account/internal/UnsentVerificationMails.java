package org.boxoffice.account.internal;

import org.boxoffice.account.VerificationMails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stand-in for e-mail until the notification module sends real mail: it says that a verification message was
 * due, and shows its token only at DEBUG level (a token in an ordinary log would let log readers verify addresses).
 * Accounts of the trusted identity provider arrive verified through its {@code email_verified} claim.
 */
@Configuration(proxyBeanMethods = false)
class UnsentVerificationMails {
    private static final Logger log = LoggerFactory.getLogger(UnsentVerificationMails.class);

    @Bean
    @ConditionalOnMissingBean(VerificationMails.class)
    VerificationMails verificationMailsNotSent() {
        return (email, displayName, token) -> {
            log.warn("No mail is configured: the verification message for {} was not sent", email);
            log.debug("Verification token for {}: {}", email, token);
        };
    }
}
