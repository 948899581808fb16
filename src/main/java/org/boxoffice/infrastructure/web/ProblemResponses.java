package org.boxoffice.infrastructure.web;

import org.boxoffice.shared.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Builds problem-details responses with the same shape everywhere. */
final class ProblemResponses {
    static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private ProblemResponses() {
    }

    static ResponseEntity<Object> of(ApiProblem problem) {
        return of(problem, new HttpHeaders());
    }

    static ResponseEntity<Object> of(ApiProblem problem, HttpHeaders headers) {
        if (problem.retryAfterSeconds() > 0) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()));
        }
        return ResponseEntity.status(problem.status()).headers(headers).contentType(PROBLEM_JSON).body(problem.body());
    }
}
