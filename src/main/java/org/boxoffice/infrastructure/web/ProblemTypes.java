package org.boxoffice.infrastructure.web;

import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Refusal;

/**
 * One module's table of problem types: how each of its refusals reaches the client as an RFC 9457 problem. Each module
 * that refuses has exactly one, in its web package, so a problem type is defined in one place.
 */
public interface ProblemTypes<R extends Refusal> {
    /** The sealed type of the module's refusals. */
    Class<R> refusals();

    ApiProblem problem(R refusal);
}
