package org.boxoffice.notification.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The mails' own two threads. A listener holds a database connection while it renders the PDF and talks to the SMTP
 * server; on the default executor (a virtual thread per task) an on-sale's burst of confirmations, or a backlog
 * resubmitted while SMTP was down, would take every pooled connection from the buyers. Mails queue here instead
 * (the registry keeps them anyway), and the queue never blocks the thread that commits the sales.
 */
@Configuration(proxyBeanMethods = false)
class MailThreads {
    static final String NAME = "mailExecutor";

    @Bean(NAME)
    ThreadPoolTaskExecutor mailExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setQueueCapacity(Integer.MAX_VALUE);
        executor.setThreadNamePrefix("mail-");
        return executor;
    }
}
