package org.boxoffice.waitingroom.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.boxoffice.infrastructure.web.ClientAddress;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.infrastructure.LiveNodes;
import org.boxoffice.infrastructure.RateLimits;
import org.boxoffice.infrastructure.web.ProblemWriter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits on the on-sale's hot doors (joining the queue, polling it, placing holds) and on the public fairness
 * endpoints (whose answers are large or cost a signature check): per IP address, per user and per event. Runs after
 * authentication, so it knows the user. Over the limit: 429 with Retry-After. Each node
 * enforces its share of every limit in memory ({@link RateLimits.Limit#share}): a shared bucket in Redis cost six
 * round trips per request, and the per-event bucket, which every request of an on-sale takes from, became a hot key
 * whose compare-and-swap retried over and over.
 */
@Component
class RateLimitFilter extends OncePerRequestFilter {
    private static final Pattern GUARDED =
            Pattern.compile("^/api/v1/events/([^/]+)/(queue(?:/me|/challenge|/fairness(?:/report|/receipt)?)?|holds)$");

    private final RateLimits limits;
    private final LiveNodes nodes;
    private final ProblemWriter problems;
    private final Rejections rejections;
    private final RateLimits.Limit perAddress;
    private final RateLimits.Limit perUser;
    private final RateLimits.Limit perEvent;

    /** This node's shares of the three limits for a number of live nodes; made again only when that number changes. */
    private record Shares(int nodes, RateLimits.Limit perAddress, RateLimits.Limit perUser, RateLimits.Limit perEvent) {
    }

    private volatile Shares shares;

    RateLimitFilter(RateLimits limits, LiveNodes nodes, ProblemWriter problems, Rejections rejections,
                    WaitingRoomSettings settings) {
        this.limits = limits;
        this.nodes = nodes;
        this.problems = problems;
        this.rejections = rejections;
        this.perAddress = RateLimits.Limit.perSecond("ip", settings.ratelimit().perIp());
        this.perUser = RateLimits.Limit.perSecond("user", settings.ratelimit().perUser());
        this.perEvent = RateLimits.Limit.perSecond("event", settings.ratelimit().perEvent());
    }

    /** The decoded, normalised path, as Spring MVC routes it: "/queue/m%65" must count as "/queue/me". */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    private Shares shares() {
        int live = nodes.count();
        Shares current = shares;
        if (current == null || current.nodes() != live) {
            current = new Shares(live, perAddress.share(live), perUser.share(live), perEvent.share(live));
            shares = current;
        }
        return current;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !GUARDED.matcher(path(request)).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = GUARDED.matcher(path(request));
        path.matches();
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        Shares share = shares();
        long wait = limits.tryTakeHere(share.perAddress(), ClientAddress.of(request));
        // an anonymous caller is no user: Spring's anonymous token would put every one of them in a single bucket
        if (wait == 0 && caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)) {
            wait = limits.tryTakeHere(share.perUser(), caller.getName());
        }
        // the per-event limit guards the doors that cost the most (joining, holding), each with a bucket of its
        // own, so that hundreds of thousands polling their place never crowd out admitted buyers' holds
        if (wait == 0 && "POST".equals(request.getMethod()) && !path.group(2).startsWith("queue/")) {
            wait = limits.tryTakeHere(share.perEvent(), path.group(2) + ":" + path.group(1));
        }
        if (wait > 0) {
            // the report counts refusals at the sale's doors; checking the fairness data is no door
            if (!path.group(2).startsWith("queue/fairness")) {
                try {
                    rejections.count(Long.parseLong(path.group(1)), "rate-limited");
                } catch (NumberFormatException noEvent) {
                    // a path no event has: the request is refused all the same, and counted nowhere
                }
            }
            problems.write(response, ApiProblem.tooManyRequests("rate-limited", "Too many requests",
                    "Too many requests; try again in " + wait + " s", wait));
            return;
        }
        chain.doFilter(request, response);
    }
}
