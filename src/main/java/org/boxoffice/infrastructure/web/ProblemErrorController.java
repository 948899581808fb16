package org.boxoffice.infrastructure.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.boxoffice.shared.ApiProblem;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised before Spring MVC (by the servlet container) also leave as problem details. */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        HttpStatus resolved = HttpStatus.resolve(status);
        String title = resolved != null ? resolved.getReasonPhrase() : "Error";
        String slug = status == 404 ? "not-found" : status == 413 ? "payload-too-large" : status >= 500 ? "internal-error" : "invalid-request";
        String detail = status >= 500 ? "The service could not complete the request" : "The request cannot be served: " + title;
        return ProblemResponses.of(new ApiProblem(status, slug, title, detail));
    }
}
