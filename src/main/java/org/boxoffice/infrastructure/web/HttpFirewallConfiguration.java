package org.boxoffice.infrastructure.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.boxoffice.shared.ApiProblem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's firewall in front of every request: suspicious paths (encoded slashes, path parameters, "..")
 * and, when {@code BOXOFFICE_TRUSTED_HOSTS} is set, any Host header not on the list are refused with a problem
 * detail, so no link the service builds can point at a host an attacker chose.
 */
@Configuration(proxyBeanMethods = false)
class HttpFirewallConfiguration {

    /** Health probes pass whatever Host they name: load balancers often probe a node by its IP address. */
    @Bean
    HttpFirewall httpFirewall(HttpSettings settings) {
        String trustedHosts = settings.trustedHosts() == null ? "" : settings.trustedHosts();
        StrictHttpFirewall strict = withoutRegularExpressions(new StrictHttpFirewall());
        StrictHttpFirewall probes = withoutRegularExpressions(new StrictHttpFirewall());
        Set<String> hosts = Arrays.stream(trustedHosts.split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (!hosts.isEmpty()) {
            strict.setAllowedHostnames(host -> host != null && hosts.contains(host.toLowerCase(Locale.ROOT)));
        }
        return new HttpFirewall() {
            @Override
            public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
                String path = request.getRequestURI();
                return "/livez".equals(path) || "/readyz".equals(path) ? probes.getFirewalledRequest(request)
                        : strict.getFirewalledRequest(request);
            }

            @Override
            public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
                return strict.getFirewalledResponse(response);
            }
        };
    }

    /**
     * The firewall's default checks of header and parameter names and values (assigned characters, no control
     * characters) as a loop: its regular expression over every header, the long Authorization header included, was
     * among the hottest code of a request.
     */
    private static StrictHttpFirewall withoutRegularExpressions(StrictHttpFirewall firewall) {
        firewall.setAllowedHeaderNames(HttpFirewallConfiguration::printable);
        firewall.setAllowedHeaderValues(HttpFirewallConfiguration::printable);
        firewall.setAllowedParameterNames(HttpFirewallConfiguration::printable);
        firewall.setAllowedParameterValues(HttpFirewallConfiguration::printable);
        return firewall;
    }

    /** Every character assigned in Unicode and none a control character: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
    static boolean printable(String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c < 0x20 || c >= 0x7f) {
                int type = Character.getType(c);
                if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                    return false;
                }
            }
            i += Character.charCount(c);
        }
        return true;
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, rejected) -> {
            response.setHeader("Connection", "close");
            problems.write(response, ApiProblem.badRequest("request-rejected",
                    "The request's path or Host header is not accepted by this service"));
        };
    }
}
