package org.boxoffice.infrastructure.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.boxoffice.shared.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects request bodies above the limit before anything parses them, also when they arrive chunked, and bodies
 * that take longer than the body deadline to arrive (a client trickling one byte every few seconds).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimitFilter extends OncePerRequestFilter {
    private final long maxBytes;
    private final long timeoutNanos;
    private final ProblemWriter writer;

    BodySizeLimitFilter(HttpSettings settings, ProblemWriter writer) {
        this.maxBytes = settings.maxBodyBytes();
        this.timeoutNanos = settings.bodyTimeout().toNanos();
        this.writer = writer;
    }

    static ApiProblem tooSlow() {
        return new ApiProblem(408, "request-timeout", "Request timeout", "The request body took too long to arrive");
    }

    static boolean isTooSlow(Throwable e) {
        return causedBy(e, BodyTooSlowException.class);
    }

    private static boolean causedBy(Throwable e, Class<? extends IOException> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static ApiProblem tooLarge() {
        return new ApiProblem(413, "payload-too-large", "Payload too large", "The request body is larger than the service accepts");
    }

    static boolean isTooLarge(Throwable e) {
        return causedBy(e, BodyTooLargeException.class);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            writer.write(response, tooLarge());
            return;
        }
        chain.doFilter(new LimitedRequest(request, maxBytes, timeoutNanos), response);
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large");
        }
    }

    static final class BodyTooSlowException extends IOException {
        BodyTooSlowException() {
            super("request body too slow");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private final long timeoutNanos;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes, long timeoutNanos) {
            super(request);
            this.maxBytes = maxBytes;
            this.timeoutNanos = timeoutNanos;
        }

        /**
         * The deadline runs from the moment the body is first read, not from the request's start: time the service
         * itself spends before reading (authentication, a busy database under a flash sale) is not the client's.
         */
        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes, System.nanoTime() + timeoutNanos);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long maxBytes;
        private final long deadline;
        private long read;

        LimitedStream(ServletInputStream delegate, long maxBytes, long deadline) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new BodyTooSlowException();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
