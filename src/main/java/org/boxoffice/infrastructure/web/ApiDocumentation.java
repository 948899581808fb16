package org.boxoffice.infrastructure.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document names its server as a relative URL: springdoc would otherwise build it from the request's
 * Host header, and a document cached by a proxy could then send readers to a host an attacker chose.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI boxofficeApi() {
        return new OpenAPI()
                .info(new Info().title("Boxoffice API").version("v1")
                        .description("Reserved-seat ticket booking: browse, hold, buy, cancel, waiting room, organizer tools"))
                .servers(List.of(new Server().url("/").description("this service")));
    }
}
