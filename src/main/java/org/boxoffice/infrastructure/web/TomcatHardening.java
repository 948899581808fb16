package org.boxoffice.infrastructure.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tomcat with deadlines on slow requests and problem details for the errors it answers itself. */
@Configuration(proxyBeanMethods = false)
class TomcatHardening {

    /**
     * A fixed socket send buffer instead of the kernel's auto-tuning (up to 4 MiB a connection): a client that stops
     * reading then stalls the server's write within this many bytes, and the idle timeout drops it, rather than
     * parking megabytes per connection in kernel memory.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> deadlinesAndProblemPages(RequestDeadlines deadlines,
            HttpSettings settings) {
        int sendBuffer = settings.socketSendBuffer();
        return factory -> {
            factory.setProtocol(DeadlineHttp11NioProtocol.class.getName());
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
            factory.addConnectorCustomizers(deadlines::watch);
            factory.addConnectorCustomizers(connector -> connector.setProperty("socket.txBufSize", String.valueOf(sendBuffer)));
        };
    }
}
