package afterhours.admin;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.server.Request;

/**
 * Bounds every request body before anything reads it, whatever the transfer encoding: a declared length
 * over {@link #MAX_BODY} is refused at once, a chunked body is read only up to the limit and refused as soon
 * as it passes it (413, the connection closed), and a body that takes longer than {@link #MAX_TIME} to
 * arrive is refused (408). What passes is handed on from memory, at most {@link #MAX_BODY} bytes.
 */
final class BodyLimit implements Filter {
    static final int MAX_BODY = 64 * 1024;
    static final Duration MAX_TIME = Duration.ofSeconds(10);
    /**
     * After a refusal, what is read and thrown away so that an honest client that is just finishing its
     * body still gets the 413 (closing on unread data resets the connection); past it the connection is cut.
     */
    static final int MAX_DISCARD = 256 * 1024;
    /** ... and for at most this long (a slow client is not waited for twice). */
    static final Duration MAX_DISCARD_TIME = Duration.ofSeconds(1);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        long declared = http.getContentLengthLong();
        if (declared > MAX_BODY) {
            refuse(out, 413, Failure.TOO_LARGE, "the body is larger than " + MAX_BODY + " bytes");
            return;
        }
        if (declared <= 0 && http.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = read(http.getInputStream(), out);
        if (body != null) {
            chain.doFilter(new Buffered(http, body), response);
        } else {
            out.flushBuffer();
            if (!discardRest(http.getInputStream())) {
                // Jetty would read a refused body to its end to close politely: a 10 MB flood costs 10 MB each
                Request.getBaseRequest(http).getHttpChannel().getEndPoint().close();
            }
        }
    }

    /** Reads and drops the rest of a refused body within the discard limits; true when it ended within them. */
    private static boolean discardRest(InputStream in) {
        byte[] buffer = new byte[8192];
        long dropped = 0;
        long deadline = System.nanoTime() + MAX_DISCARD_TIME.toNanos();
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                dropped += n;
                if (dropped > MAX_DISCARD || System.nanoTime() > deadline) {
                    return false;
                }
            }
            return true;
        } catch (IOException gone) {
            return true;     // the client already went
        }
    }

    /** The body, or null when it was refused (too large or too slow). */
    private static byte[] read(InputStream in, HttpServletResponse out) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long deadline = System.nanoTime() + MAX_TIME.toNanos();
        int n;
        while ((n = in.read(buffer)) >= 0) {
            body.write(buffer, 0, n);
            if (body.size() > MAX_BODY) {
                refuse(out, 413, Failure.TOO_LARGE, "the body is larger than " + MAX_BODY + " bytes");
                return null;
            }
            if (System.nanoTime() > deadline) {
                refuse(out, 408, Failure.TOO_SLOW, "the body took longer than " + MAX_TIME.toSeconds() + " s to arrive");
                return null;
            }
        }
        return body.toByteArray();
    }

    private static void refuse(HttpServletResponse out, int status, Failure failure, String message) throws IOException {
        String code = failure.code();
        out.setStatus(status);
        out.setHeader("Connection", "close");   // read no further
        out.setContentType("application/json; charset=utf-8");
        out.getOutputStream().write(("{\"error\":\"" + code + "\",\"code\":\"" + code + "\",\"params\":{},\"message\":\""
                + message + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The request with its body already read. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }
    }
}
