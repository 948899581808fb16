package org.boxoffice.notification.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The mails' settings; defaults and environment variables in {@code application.yml}. The SMTP server itself is
 * Spring Boot's {@code spring.mail.*} (SPRING_MAIL_HOST, SPRING_MAIL_PORT, ...).
 *
 * @param from the sender of every mail
 * @param folder where mails are written (and logged) when no SMTP server is configured
 * @param retryAfter a mail not sent (SMTP down) is tried again after this long, and again every retryAfter
 * @param linkBase the address buyers reach the service at, for the links in mails
 */
@ConfigurationProperties("boxoffice.mail")
record MailSettings(String from, String folder, Duration retryAfter, String linkBase) {
}
