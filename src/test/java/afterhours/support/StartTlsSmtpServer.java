package afterhours.support;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server on 127.0.0.1 that requires STARTTLS and a login before it takes a message, with a
 * self-signed certificate (made by the JDK's keytool) naming {@code subjectAltNames}, e.g. {@code ip:127.0.0.1}.
 */
public final class StartTlsSmtpServer implements AutoCloseable {
    /** One message as the server took it: the envelope, the raw text, and the login it came with. */
    public record Received(String from, String to, String text, boolean tls) { }

    private final SMTPServer server;
    private final Path certificate;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public StartTlsSmtpServer(Path dir, String subjectAltNames, String user, String password) throws Exception {
        Path store = dir.resolve("smtp-" + System.nanoTime() + ".p12");
        certificate = dir.resolve("smtp-" + System.nanoTime() + ".pem");
        keytool("-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=Afterhours test SMTP " + store.getFileName(), "-ext", "SAN=" + subjectAltNames,
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "smtp", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = SMTPServer.port(Ports.free()).bindAddress(InetAddress.getLoopbackAddress()).hostName("127.0.0.1")
                .enableTLS().requireTLS().startTlsSocketFactory(tls)
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((u, p, context) -> {
                    if (!user.equals(u) || !password.equals(p)) {
                        throw new LoginFailedException();
                    }
                }))
                .requireAuth()
                .messageHandler((context, from, to, data) -> received.add(new Received(from, to,
                        new String(data, StandardCharsets.UTF_8),
                        context instanceof org.subethamail.smtp.server.Session s && s.isTLSStarted())))
                .build();
        server.start();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** The server's certificate as PEM, for {@code notifications.smtp.trust}. */
    public Path certificate() {
        return certificate;
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop();
    }
}
