package org.boxoffice.shared;

import java.util.OptionalLong;

/** Numeric ids travel as opaque strings; anything that is not one of ours simply does not exist. */
public final class Ids {
    private Ids() {
    }

    public static OptionalLong parse(String id) {
        // "007" is not an id we issued, even if it parses to one
        if (id == null || id.isEmpty() || id.length() > 18 || (id.length() > 1 && id.charAt(0) == '0')) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') { // ASCII only: Character.isDigit accepts other scripts' digits too
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(id));
    }

    public static long require(String id, String what) {
        return parse(id).orElseThrow(() -> ApiProblem.notFound(what));
    }
}
