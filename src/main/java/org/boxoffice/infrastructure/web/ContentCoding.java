package org.boxoffice.infrastructure.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpHeaders;

/**
 * What a client accepts as content coding (only gzip matters here), and the writing of bodies encoded once and
 * shared by many readers: tagged, answered 304 when the client has them, gzip when the client takes it.
 */
public final class ContentCoding {
    private ContentCoding() {
    }

    /** True when the client's Accept-Encoding lists gzip (or *) without refusing it with q=0. */
    public static boolean acceptsGzip(HttpServletRequest request) {
        var headers = request.getHeaders("Accept-Encoding");
        while (headers != null && headers.hasMoreElements()) {
            for (String coding : headers.nextElement().split(",")) {
                String[] parts = coding.strip().toLowerCase(Locale.ROOT).split(";");
                String name = parts[0].strip();
                if (!name.equals("gzip") && !name.equals("*")) {
                    continue;
                }
                boolean refused = false;
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].strip().replace(" ", "");
                    if (parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0{0,3})?")) {
                        refused = true;
                    }
                }
                if (!refused) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the request's If-None-Match names this entity tag, strong or weak. */
    public static boolean unchanged(HttpServletRequest request, String etag) {
        String known = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        return known != null && (known.strip().equals(etag) || known.strip().equals("W/" + etag));
    }

    /** Writes a shared body: its gzip form (made by {@code gzip}, asked only then) when the client takes it. */
    public static void write(HttpServletRequest request, HttpServletResponse response, byte[] body, Supplier<byte[]> gzip)
            throws IOException {
        byte[] written = body;
        if (acceptsGzip(request)) {
            written = gzip.get();
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.setContentLength(written.length);
        response.getOutputStream().write(written);
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 16 * 1024)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
