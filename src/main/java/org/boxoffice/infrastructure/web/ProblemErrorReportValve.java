package org.boxoffice.infrastructure.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.boxoffice.shared.ApiProblem;

/**
 * Tomcat answers some requests itself, before any servlet sees them: a malformed request line or header, a header
 * section that is too large, a path it cannot decode. Its stock valve writes an HTML page; this one writes the same
 * problem details as the rest of the API, and never the container's own message.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to tell
        }
    }

    static String body(int status) {
        String slug = switch (status) {
            case 400 -> "malformed-request";
            case 404 -> "not-found";
            case 408 -> "request-timeout";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 431 -> "headers-too-large";
            case 501 -> "not-implemented";
            case 503 -> "service-unavailable";
            default -> status >= 500 ? "internal-error" : "invalid-request";
        };
        String detail = switch (status) {
            case 400 -> "The request line, a header or the path encoding is malformed";
            case 408 -> "The request took too long to arrive";
            case 413, 431 -> "The request or its headers are larger than the service accepts";
            case 414 -> "The request path is longer than the service accepts";
            case 501 -> "This kind of request is not supported";
            case 503 -> "The service is not accepting requests right now; please retry";
            default -> status >= 500 ? "The service could not complete the request" : "The request cannot be served";
        };
        String title = status >= 500 ? "Server error" : "Bad request";
        // fixed texts only, so plain concatenation is safe JSON
        return "{\"type\":\"" + ApiProblem.TYPE_BASE + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
    }
}
