package afterhours.asterisk;

import afterhours.calllog.RoutingDecision;
import afterhours.schedule.Mode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing decisions a recorded FastAGI exchange made: the request's {@code agi_*} environment and
 * the variables the recorded server set. Recordings that set no AH_MODE get the mode the scenario had.
 */
public final class RecordedDecisions {
    private RecordedDecisions() {
    }

    public static List<RoutingDecision> of(String name, Mode scenarioMode) {
        String rx = Recordings.read(name + ".agi.rx");
        List<String> commands = Recordings.read(name + ".agi.tx").lines().toList();
        List<RoutingDecision> out = new ArrayList<>();
        for (String request : rx.split("(?=agi_network: )")) {
            if (request.isBlank()) {
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (String line : request.split("\n")) {
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(": ");
                env.put(line.substring(0, Math.max(colon, 0)), colon > 0 ? line.substring(colon + 2) : "");
            }
            Map<String, String> vars = variables(commands, out.size(), countRequests(rx));
            String mode = vars.get("AH_MODE");
            String script = env.getOrDefault("agi_network_script", "");
            String line = script.contains("line=") ? script.substring(script.indexOf("line=") + 5) : null;
            out.add(new RoutingDecision(Instant.now(), env.get("agi_uniqueid"), env.get("agi_channel"), line,
                    env.get("agi_extension"), unknownToNull(env.get("agi_callerid")),
                    unknownToNull(env.get("agi_calleridname")), mode == null ? scenarioMode : Mode.valueOf(mode),
                    vars.get("AH_REASON"), vars.get("AH_DIAL"), vars.get("AH_OVERFLOW")));
        }
        return out;
    }

    private static int countRequests(String rx) {
        return rx.split("agi_network: ", -1).length - 1;
    }

    /** The variables set by the recorded commands; with several requests, each set AH_DIAL once, in order. */
    private static Map<String, String> variables(List<String> commands, int request, int requests) {
        Map<String, String> vars = new LinkedHashMap<>();
        int seen = -1;
        for (String command : commands) {
            List<String> args = FastAgiClient.parse(command);
            if (args.size() >= 4 && args.get(0).equals("SET") && args.get(1).equals("VARIABLE")) {
                if (args.get(2).equals("AH_DIAL")) {
                    seen++;
                }
                if (requests == 1 || seen == request) {
                    vars.put(args.get(2), args.get(3));
                }
            } else if (args.size() >= 3 && args.get(0).equals("EXEC") && args.get(1).equalsIgnoreCase("MSet")) {
                for (String pair : args.get(2).split(",")) {
                    vars.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
        }
        return vars;
    }

    private static String unknownToNull(String s) {
        return s == null || s.equals("unknown") ? null : s;
    }
}
