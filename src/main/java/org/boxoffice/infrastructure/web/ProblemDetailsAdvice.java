package org.boxoffice.infrastructure.web;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Refused;
import org.boxoffice.shared.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.util.DisconnectedClientHelper;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error leaves as an RFC 9457 problem detail with a stable type; nothing internal (stack traces,
 * SQL, class names) reaches the client.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemDetailsAdvice {
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private final JsonMapper json;
    private final Problems problems;

    ProblemDetailsAdvice(JsonMapper json, Problems problems) {
        this.json = json;
        this.problems = problems;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem) {
        return ProblemResponses.of(problem);
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<Object> refused(Refused refused) {
        return ProblemResponses.of(problems.of(refused.refusal()));
    }

    @ExceptionHandler(Unavailable.class)
    ResponseEntity<Object> unavailable(Unavailable unavailable) {
        return ProblemResponses.of(ApiProblem.unavailable(unavailable.getMessage(), unavailable.retryAfterSeconds()));
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<Object> invalidBody(BindException e) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError error : e.getFieldErrors()) {
            errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
        }
        e.getGlobalErrors().forEach(error -> errors.add(
                Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage()))));
        String detail = errors.isEmpty() ? "The request is invalid"
                : errors.stream().map(m -> m.get("field") + ": " + m.get("message")).sorted().reduce((a, b) -> a + "; " + b).orElse("");
        return ProblemResponses.of(new ApiProblem(400, "invalid-request", "Bad request", detail, Map.of("errors", errors)));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Object> invalidParameters(HandlerMethodValidationException e) {
        String detail = e.getAllErrors().stream().map(err -> String.valueOf(err.getDefaultMessage()))
                .reduce((a, b) -> a + "; " + b).orElse("The request is invalid");
        return ProblemResponses.of(ApiProblem.badRequest(detail));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadableBody(HttpMessageNotReadableException e) {
        if (BodySizeLimitFilter.isTooLarge(e)) {
            return ProblemResponses.of(BodySizeLimitFilter.tooLarge());
        }
        if (BodySizeLimitFilter.isTooSlow(e)) {
            // Tomcat drains the rest of the body before it closes, for up to its idle timeout; with a length the
            // client can stop reading at the end of this answer instead of waiting for the close
            ApiProblem problem = BodySizeLimitFilter.tooSlow();
            byte[] body = json.writeValueAsBytes(problem.body());
            return ResponseEntity.status(problem.status()).contentType(ProblemResponses.PROBLEM_JSON)
                    .contentLength(body.length).header(HttpHeaders.CONNECTION, "close").body(body);
        }
        return ProblemResponses.of(ApiProblem.badRequest("malformed-request",
                "The request body is missing or is not valid JSON of the expected shape"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException e) {
        return ProblemResponses.of(ApiProblem.badRequest("missing-header", "Header " + e.getHeaderName() + " is required"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ProblemResponses.of(ApiProblem.badRequest("Parameter " + e.getName() + " has an invalid value"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException e) {
        return ProblemResponses.of(new ApiProblem(403, "forbidden", "Forbidden", "Your role does not allow this request"));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException e) {
        return ProblemResponses.of(new ApiProblem(401, "unauthorized", "Unauthorized", "A valid bearer token is required"));
    }

    /** Spring MVC's own exceptions (405, 406, 415, 404 for unknown paths...) carry their status. */
    private ResponseEntity<Object> framework(ErrorResponse error) {
        int status = error.getStatusCode().value();
        String detail = error.getBody().getDetail() != null ? error.getBody().getDetail() : "The request cannot be served";
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "invalid-request";
        };
        String title = error.getBody().getTitle() != null ? error.getBody().getTitle() : "Error";
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(error.getHeaders());
        return ProblemResponses.of(new ApiProblem(status, slug, title, detail), headers);
    }

    /**
     * The database is unreachable, restarting or overloaded: a retry shortly is the right reaction, not a bug report.
     * A transaction that could not begin, commit or roll back (its connection died under it) counts too.
     */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class, TransactionException.class})
    ResponseEntity<Object> databaseUnavailable(Exception e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return ProblemResponses.of(ApiProblem.unavailable("The service is briefly overloaded or reconnecting; please retry", 2));
    }

    /** The client went away (a closed seat stream, say): there is no one left to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("Client disconnected: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    @Nullable ResponseEntity<Object> unexpected(Exception e) {
        if (e instanceof ErrorResponse error) {
            return framework(error);
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(e)
                || e instanceof UncheckedIOException unchecked && DisconnectedClientHelper.isClientDisconnectedException(unchecked.getCause())) {
            log.debug("Client went away while being answered: {}", e.getMessage());
            return null; // an aborted download is not the service's failure, and there is no one left to answer
        }
        log.error("Unexpected failure", e);
        return ProblemResponses.of(new ApiProblem(500, "internal-error", "Internal error",
                "The service could not complete the request; nothing was changed by the failed step"));
    }
}
