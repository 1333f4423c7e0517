package afterhours.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * What Jetty answers itself, before a request reaches a route (an address it cannot decode, headers over the
 * limit): the API's JSON error with a code instead of Jetty's HTML page, so every answer of the endpoint is one
 * the page can render.
 */
final class JsonErrors extends ErrorHandler {

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json; charset=utf-8");
        response.getOutputStream().write(body(code));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8"));
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        Failure failure = failure(status);
        String code = failure.code();
        return ("{\"error\":\"" + code + "\",\"code\":\"" + code + "\",\"params\":{},\"message\":\"" + message(status)
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static Failure failure(int status) {
        return switch (status) {
            case 404 -> Failure.NOT_FOUND;
            case 405 -> Failure.METHOD_NOT_ALLOWED;
            case 408 -> Failure.TOO_SLOW;
            case 413, 414, 431 -> Failure.TOO_LARGE;
            case 503 -> Failure.UNAVAILABLE;
            default -> status >= 500 ? Failure.INTERNAL : Failure.BAD_REQUEST;
        };
    }

    private static String message(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the body is larger than " + BodyLimit.MAX_BODY + " bytes";
            case 414, 431 -> "the address or the headers are larger than " + AdminServer.MAX_HEADER + " bytes";
            case 503 -> "the service is busy; try again in a few seconds";
            default -> status >= 500 ? "the request failed on the server; see the service log"
                    : "the request could not be read (its address or headers are not valid HTTP)";
        };
    }
}
