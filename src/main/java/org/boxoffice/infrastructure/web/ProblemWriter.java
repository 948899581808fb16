package org.boxoffice.infrastructure.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.boxoffice.shared.ApiProblem;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem detail straight to the servlet response, for failures outside Spring MVC (filters, security). */
@Component
public class ProblemWriter {
    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, ApiProblem problem) throws IOException {
        response.setStatus(problem.status());
        if (problem.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()));
        }
        response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
        response.getOutputStream().write(json.writeValueAsBytes(problem.body()));
    }
}
