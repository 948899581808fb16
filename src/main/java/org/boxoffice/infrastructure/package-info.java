/**
 * What the modules run on, as opposed to what they are about: group commit, Redis connections and the Lua runner,
 * rate limits, scheduler locks, the mode banner and the HTTP edge ({@code web}: problem details, deadlines, limits,
 * the firewall). Open, like the shared kernel below it, so that every module may use it.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.boxoffice.infrastructure;

import org.jspecify.annotations.NullMarked;
