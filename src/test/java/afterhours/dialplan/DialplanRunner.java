package afterhours.dialplan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an extensions.conf file and runs one extension the way Asterisk's pbx does, for the handful of
 * applications and functions the shipped dialplan may use. Anything else fails the test loudly, so the
 * file stays within what a stock Asterisk 22 runs.
 */
final class DialplanRunner {
    /** Core applications and those of the modules the dialplan lists (app_dial, app_stack, res_agi); no app_exec. */
    static final List<String> ALLOWED_APPS = List.of("NoOp", "Set", "MSet", "AGI", "GotoIf", "Goto", "Dial",
            "Gosub", "Return", "Hangup");
    private static final Pattern GLOBAL = Pattern.compile("(\\w+)=(.*)");
    private static final Pattern EXTEN = Pattern.compile("exten\\s*=>\\s*([^,]+),(\\d+|hint),(.*)");
    private static final Pattern SAME = Pattern.compile("same\\s*=>\\s*n(?:\\(([\\w-]+)\\))?,(.*)");
    private static final Pattern APP = Pattern.compile("(\\w+)\\((.*)\\)");

    /** One priority: its label (or null) and its application call. */
    record Step(String label, String app, String args) { }

    /** What one run did: the Dial arguments in order, the AGI URLs asked, and the final variables. */
    record Run(List<String> dials, List<String> agi, Map<String, String> variables) { }

    private final Map<String, Map<String, List<Step>>> contexts = new LinkedHashMap<>();
    private final Map<String, String> globals = new LinkedHashMap<>();

    DialplanRunner(Path file) throws IOException {
        String context = null;
        String exten = null;
        for (String raw : Files.readAllLines(file)) {
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                context = line.substring(1, line.length() - 1);
                contexts.put(context, new LinkedHashMap<>());
                continue;
            }
            Matcher e = EXTEN.matcher(line);
            Matcher s = SAME.matcher(line);
            Matcher g = GLOBAL.matcher(line);
            if ("globals".equals(context) && g.matches()) {
                globals.put(g.group(1), g.group(2));
            } else if (e.matches()) {
                exten = e.group(1);
                if (e.group(2).equals("hint")) {
                    continue;
                }
                contexts.get(context).computeIfAbsent(exten, k -> new ArrayList<>()).add(step(null, e.group(3)));
            } else if (s.matches()) {
                contexts.get(context).get(exten).add(step(s.group(1), s.group(2)));
            } else {
                throw new IllegalArgumentException("cannot read dialplan line: " + raw);
            }
        }
    }

    /** The [globals] the file sets. */
    Map<String, String> globals() {
        return globals;
    }

    private static String stripComment(String line) {
        int semicolon = line.indexOf(';');
        return semicolon >= 0 ? line.substring(0, semicolon) : line;
    }

    private static Step step(String label, String call) {
        Matcher m = APP.matcher(call.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an application call: " + call);
        }
        return new Step(label, m.group(1), m.group(2));
    }

    Map<String, Map<String, List<Step>>> contexts() {
        return contexts;
    }

    /**
     * Runs {@code context,exten} with the given channel variables. {@code agi} plays the FastAGI server
     * (returns the variables it sets, or null for a connection failure); {@code dialStatus} answers each
     * Dial in turn.
     */
    Run run(String context, String exten, Map<String, String> channel, Map<String, String> astdb, long epoch,
            java.util.function.Function<String, Map<String, String>> agi, Iterator<String> dialStatus) {
        return run(context, exten, Map.of(), channel, astdb, epoch, agi, dialStatus);
    }

    /** As {@link #run(String, String, Map, Map, long, java.util.function.Function, Iterator)}, entered as a Gosub with {@code args}. */
    Run run(String context, String exten, Map<String, String> gosubArgs, Map<String, String> channel,
            Map<String, String> astdb, long epoch, java.util.function.Function<String, Map<String, String>> agi,
            Iterator<String> dialStatus) {
        Map<String, String> vars = new HashMap<>(globals);   // a channel variable hides a global of its name
        vars.putAll(channel);
        vars.putIfAbsent("EXTEN", exten);
        List<String> dials = new ArrayList<>();
        List<String> agiCalls = new ArrayList<>();
        Frames frames = new Frames();
        frames.push(context, exten, new HashMap<>(gosubArgs));
        execute(frames, vars, astdb, epoch, agi, dialStatus, dials, agiCalls);
        // the channel hangs up: its hangup handler runs as a Gosub, as Asterisk runs it
        String handler = vars.remove("CHANNEL(hangup_handler_push)");
        if (handler != null) {
            vars.putIfAbsent("HANGUPCAUSE", "16");
            frames.push("hangup", "h", Map.of());
            gosub(frames, handler);
            execute(frames, vars, astdb, epoch, agi, dialStatus, dials, agiCalls);
        }
        return new Run(dials, agiCalls, vars);
    }

    /** {@code context,exten,priority[(args)]}, the priority 1 or a label. */
    private void gosub(Frames frames, String args) {
        Matcher m = Pattern.compile("([^,]+),([^,]+),([\\w-]+)(?:\\((.*)\\))?").matcher(args);
        if (!m.matches()) {
            throw new IllegalArgumentException("Gosub form not understood: " + args);
        }
        Map<String, String> gosubArgs = new HashMap<>();
        if (m.group(4) != null) {
            String[] parts = m.group(4).split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                gosubArgs.put("ARG" + (i + 1), parts[i]);
            }
        }
        frames.push(m.group(1), m.group(2), gosubArgs);
        if (!m.group(3).equals("1")) {
            frames.peek().pc = label(contexts.get(m.group(1)).get(m.group(2)), m.group(3));
        }
    }

    private void execute(Frames frames, Map<String, String> vars, Map<String, String> astdb, long epoch,
                         java.util.function.Function<String, Map<String, String>> agi, Iterator<String> dialStatus,
                         List<String> dials, List<String> agiCalls) {
        int guard = 0;
        while (!frames.isEmpty()) {
            if (++guard > 1000) {
                throw new IllegalStateException("dialplan loops");
            }
            Frame f = frames.peek();
            if (f.context.equals("hangup")) {
                frames.pop();   // the handler returned
                break;
            }
            List<Step> steps = contexts.get(f.context).get(f.exten);
            if (f.pc >= steps.size()) {
                frames.pop();   // falling off the end hangs up
                break;
            }
            Step step = steps.get(f.pc++);
            String args = expand(step.args(), vars, astdb, epoch, f.args);
            switch (step.app()) {
                case "NoOp", "Hangup" -> {
                    if (step.app().equals("Hangup")) {
                        frames.clear();
                    }
                }
                case "Set" -> set(args, vars, astdb, f);
                case "MSet" -> {
                    for (String pair : args.split(",", -1)) {
                        set(pair, vars, astdb, f);
                    }
                }
                case "AGI" -> {
                    agiCalls.add(args);
                    Map<String, String> answer = agi.apply(args);
                    vars.put("AGISTATUS", answer == null ? "FAILURE" : "SUCCESS");
                    if (answer != null) {
                        vars.putAll(answer);
                    }
                }
                case "GotoIf" -> {
                    int q = args.indexOf('?');
                    boolean cond = truthy(args.substring(0, q).strip());
                    String[] targets = args.substring(q + 1).split(":", -1);
                    String target = cond ? targets[0] : (targets.length > 1 ? targets[1] : "");
                    if (!target.isEmpty()) {
                        f.pc = label(steps, target);
                    }
                }
                case "Goto" -> f.pc = label(steps, args.strip());
                case "Dial" -> {
                    dials.add(args);
                    String status = dialStatus.next();
                    vars.put("DIALSTATUS", status);
                    vars.put("ANSWEREDTIME", status.equals("ANSWER") ? "42" : "");   // Dial sets the talk time
                }
                case "Gosub" -> gosub(frames, args);
                case "Return" -> frames.pop();
                default -> throw new IllegalArgumentException("application not allowed: " + step.app());
            }
        }
    }

    /**
     * {@code NAME=value}; {@code DB(family/key)=value} writes AstDB; a hangup handler given as a label alone runs in
     * the context and extension it was pushed from, as Asterisk completes it at the push.
     */
    private static void set(String args, Map<String, String> vars, Map<String, String> astdb, Frame at) {
        int eq = args.indexOf('=');
        String name = args.substring(0, eq);
        if (name.startsWith("DB(") && name.endsWith(")")) {
            astdb.put(name.substring(3, name.length() - 1), args.substring(eq + 1));
        } else if (name.equals("CHANNEL(hangup_handler_push)") && !args.substring(eq + 1).contains(",")) {
            vars.put(name, at.context + "," + at.exten + "," + args.substring(eq + 1));
        } else {
            vars.put(name, args.substring(eq + 1));
        }
    }

    private static int label(List<Step> steps, String label) {
        for (int i = 0; i < steps.size(); i++) {
            if (label.equals(steps.get(i).label())) {
                return i;
            }
        }
        throw new IllegalArgumentException("no label " + label);
    }

    private static boolean truthy(String value) {
        return !value.isEmpty() && !value.equals("0");
    }

    /**
     * Expands ${...} (variables, ARGn, DB(), EPOCH, URIENCODE(), CALLERID(name), CUT(), IF()) and $[...] expressions,
     * inside out.
     */
    static String expand(String text, Map<String, String> vars, Map<String, String> astdb, long epoch,
                         Map<String, String> args) {
        String s = text;
        while (true) {
            int start = Math.max(s.lastIndexOf("${"), s.lastIndexOf("$["));
            if (start < 0) {
                return s;
            }
            boolean expr = s.charAt(start + 1) == '[';
            int end = matching(s, start + 1, expr ? '[' : '{', expr ? ']' : '}');
            String inner = s.substring(start + 2, end);
            String value = expr ? Expression.evaluate(inner) : lookup(inner, vars, astdb, epoch, args);
            s = s.substring(0, start) + value + s.substring(end + 1);
        }
    }

    private static int matching(String s, int open, char o, char c) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == o) {
                depth++;
            } else if (s.charAt(i) == c && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced " + o + " in " + s);
    }

    private static String lookup(String name, Map<String, String> vars, Map<String, String> astdb, long epoch,
                                 Map<String, String> args) {
        if (name.equals("EPOCH")) {
            return Long.toString(epoch);
        }
        if (name.startsWith("DB(") && name.endsWith(")")) {
            return astdb.getOrDefault(name.substring(3, name.length() - 1), "");
        }
        if (name.startsWith("CUT(") && name.endsWith(")")) {
            // CUT(variable,delimiter,field): the field'th piece (1-based) of the variable, empty past the last,
            String[] a = name.substring(4, name.length() - 1).split(",", -1);
            String[] pieces = vars.getOrDefault(a[0], "").split(java.util.regex.Pattern.quote(a[1]), -1);
            // or fields from-to, joined by the delimiter again
            String[] range = a[2].split("-", 2);
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            List<String> out = new ArrayList<>();
            for (int field = from; field <= Math.min(to, pieces.length); field++) {
                out.add(pieces[field - 1]);
            }
            return String.join(a[1], out);
        }
        if (name.startsWith("IF(") && name.endsWith(")")) {
            // IF(condition?true:false), the condition already expanded
            String body = name.substring(3, name.length() - 1);
            int q = body.indexOf('?');
            String[] choices = body.substring(q + 1).split(":", -1);
            return truthy(body.substring(0, q).strip()) ? choices[0] : choices.length > 1 ? choices[1] : "";
        }
        if (name.matches("ARG\\d+")) {
            return args.getOrDefault(name, "");
        }
        if (name.startsWith("URIENCODE(") && name.endsWith(")")) {
            // as Asterisk's URIENCODE: everything but letters, digits and - _ . ~ as %XX
            return java.net.URLEncoder.encode(name.substring(10, name.length() - 1), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
        }
        return vars.getOrDefault(name, "");
    }

    /** A Gosub frame: where it runs and its program counter. */
    private static final class Frame {
        final String context;
        final String exten;
        final Map<String, String> args;
        int pc;

        Frame(String context, String exten, Map<String, String> args) {
            this.context = context;
            this.exten = exten;
            this.args = args;
        }
    }

    private static final class Frames {
        private final java.util.ArrayDeque<Frame> stack = new java.util.ArrayDeque<>();

        void push(String context, String exten, Map<String, String> args) {
            stack.push(new Frame(context, exten, args));
        }

        Frame peek() {
            return stack.peek();
        }

        void pop() {
            stack.pop();
        }

        void clear() {
            stack.clear();
        }

        boolean isEmpty() {
            return stack.isEmpty();
        }
    }
}
