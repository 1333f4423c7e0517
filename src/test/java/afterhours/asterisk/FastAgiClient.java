package afterhours.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asterisk's side of a FastAGI call, over real TCP: sends an {@code agi_*} environment (LF lines, a
 * blank line) and answers each command the way Asterisk 22 does: {@code 200 result=1} for SET VARIABLE,
 * {@code 200 result=0} for {@code EXEC MSet}, {@code 510} for an unknown command, and after a hang-up
 * {@code HANGUP} then {@code 511} for every command.
 */
public final class FastAgiClient {
    /** What one call saw: the commands in order and the channel variables they set. */
    public record Call(List<String> commands, Map<String, String> variables, long nanos) { }

    private final int port;
    private final long answerDelayMillis;

    public FastAgiClient(int port) {
        this(port, 0);
    }

    /** A slow Asterisk: every answer waits {@code answerDelayMillis} (the call holds its FastAGI thread). */
    public FastAgiClient(int port, long answerDelayMillis) {
        this.port = port;
        this.answerDelayMillis = answerDelayMillis;
    }

    /** A call with a recorded environment, asking for {@code script} (e.g. {@code route?line=x}). */
    public Call call(String recording, String script, Map<String, String> overrides) throws IOException {
        return call(recording, script, overrides, Integer.MAX_VALUE);
    }

    /** As {@link #call}, but the caller hangs up after {@code answeredCommands} commands were answered. */
    public Call call(String recording, String script, Map<String, String> overrides, int answeredCommands)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>(Recordings.agiEnvironment(recording));
        env.put("agi_network_script", script);
        env.put("agi_request", "agi://127.0.0.1:" + port + "/" + script);
        env.putAll(overrides);
        StringBuilder request = new StringBuilder();
        env.forEach((k, v) -> request.append(k).append(": ").append(v).append('\n'));
        request.append('\n');
        return raw(request.toString(), answeredCommands);
    }

    /** Sends bytes and hangs up at once, as a caller lost mid-request. */
    public void sendAndClose(String bytes) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }
    }

    /** Sends {@code request} as it is and answers commands until the server closes. */
    public Call raw(String request, int answeredCommands) throws IOException {
        long start = System.nanoTime();
        List<String> commands = new ArrayList<>();
        Map<String, String> variables = new LinkedHashMap<>();
        // a refused connection is thrown (nobody listens yet); only a close during the call ends it quietly
        Socket connected = new Socket(InetAddress.getLoopbackAddress(), port);
        try (Socket socket = connected) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            boolean hungUp = false;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                if (!hungUp && commands.size() > answeredCommands) {
                    hungUp = true;
                    out.write("HANGUP\n".getBytes(StandardCharsets.UTF_8));
                }
                String reply = hungUp ? "511 Command Not Permitted on a dead channel or intercept routine"
                        : answer(line, variables);
                if (answerDelayMillis > 0) {
                    try {
                        Thread.sleep(answerDelayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (java.net.SocketException e) {
            // the server closed: the call is over
        }
        return new Call(commands, variables, System.nanoTime() - start);
    }

    private static String answer(String command, Map<String, String> variables) {
        List<String> args = parse(command);
        if (args.size() >= 2 && args.get(0).equalsIgnoreCase("EXEC")) {
            if (args.get(1).equalsIgnoreCase("MSet") && args.size() >= 3) {
                for (String pair : args.get(2).split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        variables.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                return "200 result=0";
            }
            return "200 result=0";
        }
        if (args.size() >= 4 && args.get(0).equalsIgnoreCase("SET") && args.get(1).equalsIgnoreCase("VARIABLE")) {
            variables.put(args.get(2), args.get(3));
            return "200 result=1";
        }
        if (args.size() >= 3 && args.get(0).equalsIgnoreCase("GET") && args.get(1).equalsIgnoreCase("VARIABLE")) {
            String value = variables.get(args.get(2));
            return value == null ? "200 result=0" : "200 result=1 (" + value + ")";
        }
        return "510 Invalid or unknown command";
    }

    /** Splits an AGI command like Asterisk's parser: whitespace, double quotes, backslash escapes. */
    static List<String> parse(String command) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\\' && i + 1 < command.length()) {
                current.append(command.charAt(++i));
                any = true;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    args.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (any) {
            args.add(current.toString());
        }
        return args;
    }
}
