package afterhours.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import afterhours.cli.AfterhoursCommand;
import afterhours.config.ConfigLoader;
import afterhours.json.Json;
import afterhours.support.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port the service needs is taken (a second instance started by mistake, another program): the start stops
 * with one line naming the port and exit code 2, as for a bad configuration, and leaves nothing bound; when it
 * runs, {@code /health} says what really listens.
 */
class PortsTakenTest {
    @TempDir
    Path dir;

    private final int agiPort = Ports.free();
    private final int httpPort = Ports.free();
    private final int amiPort = Ports.free();   // nothing listens there: AMI keeps connecting in the background

    private Map<String, String> env() {
        return Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("ports.db").toString(),
                ConfigLoader.ENV_FASTAGI_PORT, Integer.toString(agiPort),
                ConfigLoader.ENV_HTTP_PORT, Integer.toString(httpPort),
                ConfigLoader.ENV_AMI_PORT, Integer.toString(amiPort));
    }

    private record Run(int exit, String out, String err) { }

    private Run serve() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AfterhoursCommand.run(new String[] {"serve", "--config", "config/afterhours.yaml"}, env(),
                Clock.systemUTC(), InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Afterhours::serve);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void fastAgiPortTakenStopsTheStartWithOneLineNamingThePort() throws Exception {
        try (ServerSocket other = new ServerSocket(agiPort, 50, InetAddress.getByName("127.0.0.1"))) {
            Run run = serve();
            assertThat(run.exit()).isEqualTo(AfterhoursCommand.EXIT_USAGE);
            assertThat(run.err().lines()).containsExactly("error: cannot start: the FastAGI port " + agiPort
                    + " on 127.0.0.1 cannot be bound (Address already in use): another instance or program may listen there");
            assertThat(run.out()).doesNotContain("Afterhours is running");
        }
        assertFree(httpPort);   // the admin endpoint never started
    }

    @Test
    void adminPortTakenStopsTheStartAndReleasesTheFastAgiPort() throws Exception {
        try (ServerSocket other = new ServerSocket(httpPort, 50, InetAddress.getByName("127.0.0.1"))) {
            Run run = serve();
            assertThat(run.exit()).isEqualTo(AfterhoursCommand.EXIT_USAGE);
            assertThat(run.err().lines()).containsExactly("error: cannot start: the admin port " + httpPort
                    + " on 127.0.0.1 cannot be bound (Address already in use): another instance or program may listen there");
        }
        assertFree(agiPort);   // bound before the admin endpoint failed, released by the stop
    }

    @Test
    void healthSaysWhatReallyListens() throws Exception {
        AfterhoursServe service = new AfterhoursServe();
        try (Afterhours app = Afterhours.serve(ConfigLoader.load(Path.of("config/afterhours.yaml"), env()), Clock.systemUTC())) {
            service.app = app;
            JsonNode health = service.health();
            assertThat(health.get("fastAgi").asText()).isEqualTo("listening");
            assertThat(service.status().get("pbx").get("fastAgi").asText()).isEqualTo("listening on 127.0.0.1:" + agiPort);
            assertThat(canBind(agiPort)).as("our FastAGI holds its port").isFalse();

            app.fastAgi().close();   // the listener gone while the rest runs
            health = service.health();
            assertThat(health.get("fastAgi").asText()).isEqualTo("stopped");
            assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
            // the accept thread lets go of the socket as it ends: moments after close() returns, on a busy machine
            await("nothing of ours listens").atMost(Duration.ofSeconds(5)).until(() -> canBind(agiPort));
        }
    }

    /** The running service's {@code /health}, and its status as an admin reads it (no admin yet: the health only). */
    private final class AfterhoursServe {
        Afterhours app;
        private final HttpClient http = HttpClient.newHttpClient();

        JsonNode health() throws Exception {
            return get("/health");
        }

        JsonNode status() {
            return Json.MAPPER.valueToTree(Map.of("pbx", app.health().pbx()));
        }

        private JsonNode get(String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return Json.MAPPER.readTree(r.body());
        }
    }

    private static void assertFree(int port) {
        assertThat(canBind(port)).as("port %d free", port).isTrue();
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
