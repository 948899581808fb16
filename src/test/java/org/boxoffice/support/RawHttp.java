package org.boxoffice.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 spoken over a bare socket, for what a well-behaved client library refuses to send: malformed request
 * lines and headers, foreign Host headers, bytes trickled one at a time.
 */
public final class RawHttp implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Socket socket;
    private final OutputStream out;
    private final PushbackInputStream in;

    public record Response(int status, Map<String, String> headers, String body) {
        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public RawHttp(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(15_000);
            out = socket.getOutputStream();
            in = new PushbackInputStream(socket.getInputStream(), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one whole request (CRLF line ends are the caller's) and reads the answer. */
    public static Response exchange(int port, String request) {
        try (RawHttp http = new RawHttp(port)) {
            http.send(request);
            return http.read();
        }
    }

    public void send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private enum Peek {
        NOTHING_YET, DATA, CLOSED
    }

    /** Looks at most one byte ahead, which {@link #read} still sees. */
    private Peek peek(Duration probe) {
        try {
            socket.setSoTimeout((int) probe.toMillis());
            int b = in.read();
            if (b < 0) {
                return Peek.CLOSED;
            }
            in.unread(b);
            return Peek.DATA;
        } catch (SocketTimeoutException notYet) {
            return Peek.NOTHING_YET;
        } catch (IOException closed) {
            return Peek.CLOSED;
        } finally {
            try {
                socket.setSoTimeout(15_000);
            } catch (IOException ignored) {
                // closed meanwhile
            }
        }
    }

    /** False once the server has closed the connection. */
    public boolean open(Duration probe) {
        return peek(probe) != Peek.CLOSED;
    }

    /** True once the server has answered (a byte to read) or closed the connection. */
    public boolean answered(Duration probe) {
        return peek(probe) != Peek.NOTHING_YET;
    }

    /** Reads one response: status line, headers and a body by Content-Length, chunks, or until the server closes. */
    public Response read() {
        try {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
            } else {
                body.write(in.readAllBytes());
            }
            return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
