package org.boxoffice.infrastructure.web;

import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/** What the controllers ask about the caller's token. */
public final class Callers {
    private Callers() {
    }

    /** Admins organize every event; other organizers only their own. */
    public static boolean isAdmin(Jwt caller) {
        List<String> roles = caller.getClaimAsStringList("roles");
        return roles != null && roles.contains("ADMIN");
    }
}
