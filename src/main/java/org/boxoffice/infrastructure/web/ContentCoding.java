package org.boxoffice.infrastructure.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** What a client accepts as content coding; only gzip matters here. */
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
}
