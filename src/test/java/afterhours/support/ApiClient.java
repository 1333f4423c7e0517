package afterhours.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Requests to a running admin endpoint over real HTTP, as a user (HTTP Basic), with JSON bodies. */
public final class ApiClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String password;

    /** @param base {@code http://127.0.0.1:PORT}; @param password every test user's password */
    public ApiClient(String base, String password) {
        this.base = base;
        this.password = password;
    }

    public HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
