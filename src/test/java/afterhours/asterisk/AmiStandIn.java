package afterhours.asterisk;

import afterhours.routing.PbxContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Asterisk 22's Manager Interface, over real TCP, speaking what the recordings show:
 * the banner, MD5 challenge or plain-text login, CoreSettings, Ping, DBPut/DBGet/DBGetTree/DBDel/
 * DBDelTree, SetVar/Getvar (device states included), Logoff, unknown actions, and event streams.
 * It keeps its AstDB and device states so tests can read and tamper with them, can be stopped,
 * restarted on the same port and can drop every connection on demand.
 */
public final class AmiStandIn implements AutoCloseable {
    public static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";

    private final String username;
    private volatile String secret;
    private final boolean timestampEvents;
    private final Map<String, String> astdb = new ConcurrentHashMap<>();
    private final Map<String, String> variables = new ConcurrentHashMap<>(
            Map.of(PbxContract.DIALPLAN_VARIABLE, PbxContract.DIALPLAN_VERSION));
    private final Set<String> modules = ConcurrentHashMap.newKeySet();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionIds = new AtomicLong(0x7fd154000ee0L);
    private volatile ServerSocket server;
    private volatile int port;
    private volatile long responseDelayMillis;

    public AmiStandIn(String username, String secret, boolean timestampEvents) {
        this.username = username;
        this.secret = secret;
        this.timestampEvents = timestampEvents;
        modules.addAll(PbxContract.REQUIRED_MODULES);
    }

    /** Asterisk without this module loaded. */
    public AmiStandIn withoutModule(String module) {
        modules.remove(module);
        return this;
    }

    /** A manager account without the right to send this action. */
    public AmiStandIn denying(String action) {
        denied.add(action.toLowerCase(Locale.ROOT));
        return this;
    }

    /** The manager account may send this action again. */
    public AmiStandIn allowing(String action) {
        denied.remove(action.toLowerCase(Locale.ROOT));
        return this;
    }

    /** A global variable, as the dialplan's [globals] set them (null removes it). */
    public AmiStandIn global(String name, String value) {
        if (value == null) {
            variables.remove(name);
        } else {
            variables.put(name, value);
        }
        return this;
    }

    /** Listens on a free loopback port (or the same one again after {@link #stop}). */
    public AmiStandIn start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        port = s.getLocalPort();
        Thread accept = new Thread(() -> acceptLoop(s), "ami-standin-accept");
        accept.setDaemon(true);
        accept.start();
        return this;
    }

    /** Listens on this port when started. */
    public AmiStandIn usePort(int chosen) {
        this.port = chosen;
        return this;
    }

    /** Reserves a port without listening yet: "the server is not up". */
    public AmiStandIn reservePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        return this;
    }

    /** The operator fixes manager.conf: later logins use this secret. */
    public void setSecret(String secret) {
        this.secret = secret;
    }

    public int port() {
        return port;
    }

    /** Asterisk goes away: the listener and every connection close. */
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        dropConnections();
    }

    /** Every connection is cut, as by a network failure; the listener stays. */
    public void dropConnections() {
        for (Session s : sessions) {
            s.close();
        }
    }

    /** Makes every response wait, as a loaded Asterisk would. */
    public void delayResponses(long millis) {
        responseDelayMillis = millis;
    }

    public Map<String, String> astdb() {
        return astdb;
    }

    /** The device state Asterisk would report for {@code Custom:NAME}. */
    public String deviceState(String device) {
        return variables.getOrDefault("DEVICE_STATE(" + device + ")", "UNKNOWN");
    }

    /** A global variable as set (Setvar without a channel); empty when never set, as Asterisk answers. */
    public String variable(String name) {
        return variables.getOrDefault(name, "");
    }

    public void setVariable(String name, String value) {
        variables.put(name, value);
    }

    /** Every action received, headers with lower-case keys, in order. */
    public List<Map<String, String>> actions() {
        return actions;
    }

    public int loggedInSessions() {
        return (int) sessions.stream().filter(s -> s.loggedIn).count();
    }

    /** Sends any bytes to every logged-in connection (garbage, half messages). */
    public void sendRaw(String bytes) {
        for (Session s : sessions) {
            if (s.loggedIn) {
                s.write(bytes);
            }
        }
    }

    /** Sends raw event messages (as recorded, CRLF, blank line after each) to every logged-in connection. */
    public void sendEvents(List<String> events) {
        for (Session s : sessions) {
            if (s.loggedIn) {
                for (String e : events) {
                    s.write(e);
                }
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                Session session = new Session(socket, sessionIds.incrementAndGet());
                sessions.add(session);
                Thread t = new Thread(session::run, "ami-standin-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String timestamp() {
        long micros = System.currentTimeMillis() * 1000 + ThreadLocalRandom.current().nextInt(1000);
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** One AMI connection. */
    private final class Session {
        private final Socket socket;
        private final long sessionId;
        private final Object writeLock = new Object();
        private volatile boolean loggedIn;
        private String challenge;

        Session(Socket socket, long id) {
            this.socket = socket;
            this.sessionId = id;
        }

        void run() {
            try (socket) {
                write(BANNER);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                Map<String, String> headers = new LinkedHashMap<>();
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (!headers.isEmpty() && !handle(headers)) {
                            return;
                        }
                        headers = new LinkedHashMap<>();
                        continue;
                    }
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                    }
                }
            } catch (IOException e) {
                // connection gone
            } finally {
                sessions.remove(this);
            }
        }

        /** Answers one action; false when the connection must close. */
        private boolean handle(Map<String, String> h) {
            actions.add(Map.copyOf(h));
            long delay = responseDelayMillis;
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String action = h.getOrDefault("action", "");
            String id = h.get("actionid");
            String idLine = id == null ? "" : "ActionID: " + id + "\r\n";
            switch (action.toLowerCase(Locale.ROOT)) {
                case "challenge" -> {
                    challenge = Integer.toString(100_000_000 + ThreadLocalRandom.current().nextInt(899_999_999));
                    write("Response: Success\r\n" + idLine + "Challenge: " + challenge + "\r\n\r\n");
                }
                case "login" -> {
                    boolean ok = username.equals(h.get("username"))
                            && ("md5".equalsIgnoreCase(h.get("authtype"))
                                ? challenge != null && md5(challenge + secret).equals(h.get("key"))
                                : secret.equals(h.get("secret")));
                    if (!ok) {
                        write("Response: Error\r\n" + idLine + "Message: Authentication failed\r\n\r\n");
                        return false;
                    }
                    loggedIn = true;
                    write("Response: Success\r\n" + idLine + "Message: Authentication accepted\r\n\r\n");
                    write("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 2\r\nLastReload: 2\r\n"
                            + "Status: Fully Booted\r\n\r\n");
                    write("Event: SuccessfulAuth\r\nPrivilege: security,all\r\n" + ts() + "EventTV: " + eventTv() + "\r\n"
                            + "Severity: Informational\r\nService: AMI\r\nEventVersion: 1\r\nAccountID: " + username + "\r\n"
                            + "SessionID: 0x" + Long.toHexString(sessionId) + "\r\nLocalAddress: IPV4/TCP/127.0.0.1/5038\r\n"
                            + "RemoteAddress: IPV4/TCP/127.0.0.1/" + socket.getPort() + "\r\nUsingPassword: 0\r\n"
                            + "SessionTV: " + eventTv() + "\r\n\r\n");
                }
                case "logoff" -> {
                    write("Response: Goodbye\r\n" + idLine + "Message: Thanks for all the fish.\r\n\r\n");
                    return false;
                }
                default -> {
                    if (!loggedIn) {
                        write("Response: Error\r\n" + idLine + "Message: Permission denied\r\n\r\n");
                        return true;
                    }
                    answer(action, h, idLine, id);
                }
            }
            return true;
        }

        private void answer(String action, Map<String, String> h, String idLine, String id) {
            if (denied.contains(action.toLowerCase(Locale.ROOT))) {
                write("Response: Error\r\n" + idLine + "Message: Permission denied\r\n\r\n");
                return;
            }
            switch (action.toLowerCase(Locale.ROOT)) {
                case "modulecheck" -> {
                    String module = h.getOrDefault("module", "").replaceAll("[.]so$", "");
                    write(modules.contains(module) ? "Response: Success\r\n" + idLine + "Version: \r\n\r\n"
                            : "Response: Error\r\n" + idLine + "Message: Module not loaded\r\n\r\n");
                }
                case "listcommands" -> {
                    // as Asterisk 22 answers: one "Name: synopsis (Priv: ...)" line per action the account may send
                    StringBuilder list = new StringBuilder("Response: Success\r\n" + idLine);
                    for (String name : List.of("DBGet", "DBGetTree", "DBPut", "DBDel", "DBDelTree", "Getvar", "ListCommands",
                            "Login", "Logoff", "ModuleCheck", "Ping", "Setvar", "CoreSettings")) {
                        if (!denied.contains(name.toLowerCase(Locale.ROOT))) {
                            list.append(name).append(": ").append(name).append(" action.  (Priv: system,call,all)\r\n");
                        }
                    }
                    write(list.append("\r\n").toString());
                }
                case "ping" -> write("Response: Success\r\n" + idLine + "Ping: Pong\r\nTimestamp: " + timestamp() + "\r\n\r\n");
                case "coresettings" -> write("Response: Success\r\n" + idLine + "AMIversion: 11.0.0\r\n"
                        + "AsteriskVersion: 22.10.1\r\nSystemName: \r\nCoreMaxCalls: 0\r\nCoreMaxLoadAvg: 0.000000\r\n"
                        + "CoreRunUser: \r\nCoreRunGroup: \r\nCoreMaxFilehandles: 0\r\nCoreRealTimeEnabled: No\r\n"
                        + "CoreCDRenabled: Yes\r\nCoreHTTPenabled: No\r\nSoundsSearchCustomDir: No\r\n\r\n");
                case "dbput" -> {
                    String value = h.containsKey("val") ? h.get("val") : h.getOrDefault("value", "");
                    astdb.put(h.get("family") + "/" + h.get("key"), value);
                    write("Response: Success\r\n" + idLine + "Message: Updated database successfully\r\n\r\n");
                }
                case "dbget" -> {
                    String value = astdb.get(h.get("family") + "/" + h.get("key"));
                    if (value == null) {
                        write("Response: Error\r\n" + idLine + "Message: Database entry not found\r\n\r\n");
                    } else {
                        write("Response: Success\r\n" + idLine + "EventList: start\r\nMessage: Result will follow\r\n\r\n");
                        write("Event: DBGetResponse\r\nFamily: " + h.get("family") + "\r\nKey: " + h.get("key") + "\r\nVal: "
                                + value + "\r\n" + idLine + "\r\n");
                        write("Event: DBGetComplete\r\n" + idLine + "EventList: Complete\r\nListItems: 1\r\n\r\n");
                    }
                }
                case "dbgettree" -> {
                    String prefix = h.getOrDefault("family", "") + "/";
                    Map<String, String> found = new TreeMap<>();
                    astdb.forEach((k, v) -> {
                        if (k.startsWith(prefix)) {
                            found.put("/" + k, v);
                        }
                    });
                    if (found.isEmpty()) {
                        write("Response: Error\r\n" + idLine + "Message: Database entry not found\r\n\r\n");
                        return;
                    }
                    write("Response: Success\r\n" + idLine + "EventList: start\r\nMessage: Result will follow\r\n\r\n");
                    found.forEach((k, v) -> write("Event: DBGetTreeResponse\r\nKey: " + k + "\r\nVal: " + v + "\r\n" + idLine + "\r\n"));
                    write("Event: DBGetTreeComplete\r\n" + idLine + "EventList: Complete\r\nListItems: " + found.size() + "\r\n\r\n");
                }
                case "dbdel" -> {
                    boolean removed = astdb.remove(h.get("family") + "/" + h.get("key")) != null;
                    write(removed ? "Response: Success\r\n" + idLine + "Message: Key deleted successfully\r\n\r\n"
                            : "Response: Error\r\n" + idLine + "Message: Database entry not found\r\n\r\n");
                }
                case "dbdeltree" -> {
                    String prefix = h.get("family") + "/" + (h.containsKey("key") ? h.get("key") + "/" : "");
                    boolean removed = astdb.keySet().removeIf(k -> k.startsWith(prefix));
                    write(removed ? "Response: Success\r\n" + idLine + "Message: Key tree deleted successfully\r\n\r\n"
                            : "Response: Error\r\n" + idLine + "Message: Database entry not found\r\n\r\n");
                }
                case "setvar" -> {
                    variables.put(h.get("variable"), h.getOrDefault("value", ""));
                    write("Response: Success\r\n" + idLine + "Message: Variable Set\r\n\r\n");
                }
                case "getvar" -> {
                    String name = h.get("variable");
                    String value = name != null && name.startsWith("DEVICE_STATE(")
                            ? variables.getOrDefault(name, "UNKNOWN") : variables.getOrDefault(name, "");
                    write("Response: Success\r\n" + idLine + "Variable: " + name + "\r\nValue: " + value + "\r\n\r\n");
                }
                default -> {
                    write("Response: Error\r\n" + idLine + "Message: Invalid/unknown command: " + action
                            + ". Use Action: ListCommands to show available commands.\r\n\r\n");
                    write("Event: RequestBadFormat\r\nPrivilege: security,all\r\n" + ts() + "EventTV: " + eventTv() + "\r\n"
                            + "Severity: Error\r\nService: AMI\r\nEventVersion: 1\r\nSessionID: 0x" + Long.toHexString(sessionId)
                            + "\r\nLocalAddress: IPV4/TCP/127.0.0.1/5038\r\nRemoteAddress: IPV4/TCP/127.0.0.1/"
                            + socket.getPort() + "\r\nRequestType: Action: " + action + "\r\nSessionTV: " + eventTv()
                            + "\r\nAccountID: " + username + "\r\n\r\n");
                }
            }
        }

        private String ts() {
            return timestampEvents ? "Timestamp: " + timestamp() + "\r\n" : "";
        }

        private String eventTv() {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
                    .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        }

        void write(String text) {
            synchronized (writeLock) {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    close();
                }
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
