package org.boxoffice.account.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Users that exist only in the trusted issuer's tokens become users on first use. The set of subjects
 * already seen keeps this off the database for every later request.
 */
@Component
class ExternalUsers {
    private static final Logger log = LoggerFactory.getLogger(ExternalUsers.class);
    private static final int REMEMBERED = 200_000;
    private final Users users;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    ExternalUsers(Users users) {
        this.users = users;
    }

    void ensure(String subject, String email, List<String> roles) {
        if (subject == null || known.contains(subject)) {
            return;
        }
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String role : roles) {
            try {
                parsed.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                // roles we do not know grant nothing
            }
        }
        try {
            users.ensureExternal(subject, email, parsed);
        } catch (DataAccessException e) {
            // best effort: the token alone authenticates; the user row is made on a later request
            log.warn("Could not record user {} yet: {}", subject, e.getMessage());
            return;
        }
        if (known.size() > REMEMBERED) {
            known.clear();
        }
        known.add(subject);
    }
}
