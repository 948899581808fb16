/**
 * The shared kernel every module may use: money, ids, the clock, problem details, refusals and outages. What the
 * modules run on (group commit, Redis, rate limits, the HTTP edge) is in {@code infrastructure}.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.boxoffice.shared;

import org.jspecify.annotations.NullMarked;
