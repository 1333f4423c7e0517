package afterhours.asterisk;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.action.OriginateAction;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Asterisk 22 for the tests that need the real one: its own configuration, data and run folders
 * under a test directory, its own AMI port, the modules listed (nothing autoloaded), the shipped dialplan
 * with the service's FastAGI port, and a few test phones on Local channels. Tests using it are skipped,
 * with one line saying why, where no {@code asterisk} is installed.
 */
public final class RealAsterisk implements AutoCloseable {
    public static final String SECRET = "real-asterisk-test-secret";
    /** The tests' own manager account, with every right (to place calls). */
    public static final String TESTER = "tester";
    /** The modules of a minimal Asterisk that runs the shipped dialplan, plus what the test phones use. */
    public static final List<String> MODULES = List.of("pbx_config", "res_agi", "res_speech", "app_dial", "app_stack",
            "func_db", "func_devstate", "func_callerid", "func_channel", "func_uri", "func_cut", "func_logic", "bridge_simple");

    private final Path dir;
    private final Path conf;
    private final int amiPort;
    private Process process;

    private RealAsterisk(Path dir, int amiPort) {
        this.dir = dir;
        this.conf = dir.resolve("etc/asterisk.conf");
        this.amiPort = amiPort;
    }

    /** The installed binary, or empty. */
    public static java.util.Optional<Path> binary() {
        for (String folder : List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin")) {
            Path p = Path.of(folder, "asterisk");
            if (Files.isExecutable(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** Skips the calling test, with one line, when no Asterisk is installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(binary().isPresent(),
                "no asterisk binary installed: the real-Asterisk tests are skipped (.ci/run builds one when it can)");
    }

    /**
     * Starts Asterisk with the shipped dialplan pointing at FastAGI on {@code agiPort} and the given modules;
     * returns once its AMI accepts connections.
     */
    public static RealAsterisk start(Path dir, int amiPort, int agiPort, List<String> modules) throws Exception {
        return start(dir, amiPort, agiPort, modules, "native");
    }

    /**
     * As {@link #start(Path, int, int, List)}, with the dialplan file's {@code AH_ROUTING} set to {@code routing}, as an
     * operator who runs agi routing sets it: Asterisk then routes so from its start, before the service logs in.
     */
    public static RealAsterisk start(Path dir, int amiPort, int agiPort, List<String> modules, String routing)
            throws Exception {
        assumeInstalled();
        Path etc = dir.resolve("etc");
        for (String sub : List.of("etc", "lib", "db", "spool", "run", "log")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(etc.resolve("asterisk.conf"), String.join("\n",
                "[directories]",
                "astetcdir => " + etc,
                "astmoddir => /usr/lib/asterisk/modules",
                "astvarlibdir => " + dir.resolve("lib"),
                "astdbdir => " + dir.resolve("db"),
                "astkeydir => " + dir.resolve("lib"),
                "astdatadir => /var/lib/asterisk",
                "astagidir => " + dir.resolve("lib"),
                "astspooldir => " + dir.resolve("spool"),
                "astrundir => " + dir.resolve("run"),
                "astlogdir => " + dir.resolve("log"),
                "astsbindir => /usr/sbin",
                "[options]",
                "") + "\n");
        StringBuilder load = new StringBuilder("[modules]\nautoload = no\n");
        modules.forEach(m -> load.append("load => ").append(m).append(".so\n"));
        Files.writeString(etc.resolve("modules.conf"), load.toString());
        Files.writeString(etc.resolve("logger.conf"), "[logfiles]\nmessages => notice,warning,error\n");
        // the shipped manager snippet, on a private port with the test secret
        String manager = Files.readString(Path.of("config/asterisk/manager-afterhours.conf"))
                .replace("change-me-to-a-long-random-secret", SECRET);
        // and a second account for the tests' own caller (Originate needs the originate right)
        Files.writeString(etc.resolve("manager.conf"), "[general]\nenabled = yes\nport = " + amiPort
                + "\nbindaddr = 127.0.0.1\ntimestampevents = yes\n\n" + manager + "\n\n[" + TESTER + "]\nsecret = " + SECRET
                + "\npermit = 127.0.0.1/255.255.255.255\nread = all\nwrite = all\n");
        Files.writeString(etc.resolve("extensions-afterhours.conf"), Files.readString(
                Path.of("config/asterisk/extensions-afterhours.conf")).replace("127.0.0.1:4573", "127.0.0.1:" + agiPort)
                .replace("\nAH_ROUTING=native\n", "\nAH_ROUTING=" + routing + "\n"));
        Files.writeString(etc.resolve("extensions.conf"), """
                [general]
                #include extensions-afterhours.conf

                ; the test's DID: the line, with Local test phones as last resort
                [test-incoming]
                exten => 0541234567,1,Gosub(afterhours-route,s,1(trygghetscenter,Local/failsafe@test-phones,TC: ,${EXTEN}))
                 same => n,Hangup()

                ; phones that answer at once and hang up a second later, one that never answers, one that is busy
                [test-phones]
                exten => _[a-z].,1,GotoIf($["${EXTEN}" = "silent"]?silent)
                 same => n,GotoIf($["${EXTEN}" = "busy"]?busy)
                 same => n,Answer()
                 same => n,Wait(1)
                 same => n,Hangup()
                 same => n(silent),Wait(60)
                 same => n(busy),Busy(5)

                ; the caller's side of an originated call: waits until the other side hangs up
                [test-caller]
                exten => caller,1,Answer()
                 same => n,Wait(30)
                """);
        RealAsterisk asterisk = new RealAsterisk(dir, amiPort);
        asterisk.launch();
        return asterisk;
    }

    private void launch() throws Exception {
        process = new ProcessBuilder(binary().orElseThrow().toString(), "-C", conf.toString(), "-f", "-n", "-q")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()))
                .start();
        awaitAmi(Duration.ofSeconds(30));
        // AMI opens before every module has loaded: on a busy machine the dialplan may not be there yet
        String booted = cli("core waitfullybooted");
        if (!booted.contains("fully booted")) {
            throw new IllegalStateException("asterisk did not say it was fully booted: " + booted.strip() + " " + tail());
        }
    }

    /** Stops Asterisk (ending every call) and starts it again on the same files: its AstDB survives. */
    public void restart() throws Exception {
        close();
        launch();
    }

    private void awaitAmi(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("asterisk exited: " + tail());
            }
            try (Socket s = new Socket("127.0.0.1", amiPort)) {
                byte[] banner = new byte[30];
                if (s.getInputStream().read(banner) > 0) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("asterisk's AMI did not open on port " + amiPort + ": " + tail());
    }

    /**
     * Forgets what the service pushed for {@code lineId}, as an Asterisk that lost its AstDB and restarted would:
     * the AstDB keys and the global state the calls read.
     */
    public void forgetPushedState(String lineId) throws Exception {
        cli("database deltree afterhours");
        cli("dialplan set global " + afterhours.routing.PbxContract.stateVariable(lineId) + " \"\"");
    }

    public int amiPort() {
        return amiPort;
    }

    /** Runs a CLI command on this Asterisk (asterisk -rx) and returns what it printed. */
    public String cli(String command) throws Exception {
        Process p = new ProcessBuilder(binary().orElseThrow().toString(), "-C", conf.toString(), "-rx", command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private String tail() {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("console.log")));
            Path messages = dir.resolve("log/messages");
            if (Files.exists(messages)) {
                lines.addAll(Files.readAllLines(messages));
            }
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            cli("core stop now");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Places a call from the test caller ({@code callerId}, e.g. {@code "Caller" <0701234567>}) to {@code did} through
     * the lab's [test-incoming]; the caller gives up after {@code seconds} unless answered or ended first.
     */
    public static void call(DefaultManagerConnection caller, String did, String callerId, int seconds) throws Exception {
        OriginateAction call = new OriginateAction();
        call.setChannel("Local/" + did + "@test-incoming");
        call.setContext("test-caller");
        call.setExten("caller");
        call.setPriority(1);
        call.setCallerId(callerId);
        call.setAsync(true);
        call.setTimeout(seconds * 1000L);
        caller.sendAction(call, 5_000);
    }
}
