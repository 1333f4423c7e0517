package afterhours.bench;

import afterhours.asterisk.RealAsterisk;
import afterhours.config.AppConfig;
import afterhours.config.ConfigLoader;
import afterhours.line.Line;
import afterhours.pbx.ServiceBeside;
import afterhours.pbx.agi.FastAgiServer;
import afterhours.support.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.NewChannelEvent;

/**
 * The whole service beside a real Asterisk 22: calls placed with AMI {@code Originate} over Local channels,
 * set-up time from the incoming leg's {@code Newchannel} to its {@code DialBegin} (Asterisk's own event
 * timestamps), for routing by time in the dialplan ({@code GotoIfTime}), the shipped dialplan routing natively by
 * the state the service pushed ({@code native}), the shipped dialplan asking a bare Asterisk-Java script that
 * answers constants, and the shipped dialplan asking the full service in agi routing (AMI and the call log on),
 * at 1 and 20 concurrent calls, taking turns call by call and wave by wave in a random order, in rounds
 * in one run; the service's figures against the bare script's are given pooled, per round, and (at 20) as the
 * median of each wave against the bare waves of its turn, next to the same figures for the bare script asked
 * from two contexts (A/A: the run's noise floor); native routing's against {@code GotoIfTime}'s the same way.
 * A floor variant takes the shipped route's Gosub and its call-record hangup handler, then dials without deciding
 * anything: what any route costs that is a Gosub and leaves a record of the call, so native's figure splits into
 * that and what deciding costs. Optionally while
 * another process keeps one core busy. Prints one line and exits when no Asterisk is installed.
 * Arguments: rounds (default 5), calls per variant and round at 1 concurrent (default 30), waves of 20 per
 * variant and round (default 8), "busy" to load one core meanwhile, or "parts" to measure instead what each kind of
 * dialplan work (steps, variables, a Gosub, an AstDB read, the hangup handler) adds to a call's set-up.
 */
public final class AsteriskBench {
    private static final String DID = "0541234567";
    private static final String QUICK = "Local/quick@bench-phones";
    private static final String BENCH_ACCOUNT = "bench";

    private AsteriskBench() {
    }

    public static void main(String[] args) throws Exception {
        if (RealAsterisk.binary().isEmpty()) {
            System.out.println("no asterisk binary on this machine: the Asterisk bench is skipped"
                    + " (../shared/asterisk-src/build-asterisk.sh installs one)");
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int single = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int waves = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        boolean busy = args.length > 3 && args[3].equals("busy");
        boolean parts = args.length > 3 && args[3].equals("parts");
        Path dir = Files.createTempDirectory("afterhours-asterisk-bench");
        int agiPort = Ports.free();
        int barePort = Ports.free();
        try (RealAsterisk asterisk = RealAsterisk.start(dir.resolve("asterisk"), Ports.free(), agiPort, RealAsterisk.MODULES)) {
            benchDialplan(dir.resolve("asterisk"), agiPort, barePort);
            asterisk.cli("dialplan reload");
            benchAccount(dir.resolve("asterisk"));
            asterisk.cli("manager reload");
            AppConfig config = benchConfig(dir, asterisk.amiPort(), agiPort);
            Process load = null;
            try (ServiceBeside service = ServiceBeside.start(config);
                 FastAgiServer bare = new FastAgiServer(new AppConfig.FastAgi("127.0.0.1", barePort, 10, 200),
                         List.of(new ConstantRouteScript(constants(service.app().switchboard().stateNow("trygghetscenter").mode().name()))))) {
                bare.start();
                DefaultManagerConnection caller = new DefaultManagerConnection("127.0.0.1", asterisk.amiPort(),
                        BENCH_ACCOUNT, RealAsterisk.SECRET);
                SetupTimes times = new SetupTimes();
                caller.addEventListener(times::on);
                caller.login();
                if (busy) {
                    load = CoreLoad.start(Duration.ofMinutes(30));
                }
                if (parts) {
                    parts(caller, times, rounds, single);
                    caller.logoff();
                    return;
                }
                // "again" asks the bare script a second time from its own context: an A/A pair that shows how
                // far two identical variants differ in this run, the noise floor of the service's figures
                String[] variants = {"gotoiftime", "floor", "native", "bare", "again", "service"};
                Map<String, List<Double>> one = new ConcurrentHashMap<>();
                Map<String, List<Double>> twenty = new ConcurrentHashMap<>();
                // warm-up: 210 calls per variant, so the rounds measure the steady state, not the JIT and the
                // dialplan cache (the service also runs its decision path at start; Asterisk-Java's is warmed here)
                for (String v : variants) {
                    place(caller, times, v, 10, 1);
                    place(caller, times, v, 200, 20);
                }
                // the variants take turns call by call (and wave by wave) in a new random order each turn, so a
                // slow moment of the machine or of Asterisk falls on all alike, and no variant always follows the
                // same one (a logged call's write, for one, lands on the set-up of whichever call comes next)
                java.util.Random order = new java.util.Random(20261126);
                List<Double> roundRatios = new ArrayList<>();
                List<Double> roundDiffs = new ArrayList<>();
                List<Double> sameRatios = new ArrayList<>();
                List<Double> sameDiffs = new ArrayList<>();
                List<Double> waveRatios = new ArrayList<>();
                List<Double> waveSame = new ArrayList<>();
                List<Double> nativeRoundRatios = new ArrayList<>();
                List<Double> nativeWaveRatios = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    Map<String, List<Double>> oneRound = new HashMap<>();
                    Map<String, List<Double>> twentyRound = new HashMap<>();
                    for (int i = 0; i < single; i++) {
                        for (String v : shuffled(variants, order)) {
                            oneRound.computeIfAbsent(v, x -> new ArrayList<>()).addAll(place(caller, times, v, 1, 1));
                        }
                    }
                    for (int w = 0; w < waves; w++) {
                        Map<String, Double> waveP90 = new HashMap<>();
                        for (String v : shuffled(variants, order)) {
                            List<Double> wave = place(caller, times, v, 20, 20);
                            twentyRound.computeIfAbsent(v, x -> new ArrayList<>()).addAll(wave);
                            waveP90.put(v, quantile(wave, 0.9));
                        }
                        // each wave against the bare script's waves of the same turn, moments apart: a stall of
                        // the machine that hits one wave moves its pooled p90, but not the middle of these ratios
                        waveRatios.add(waveP90.get("service") / ((waveP90.get("bare") + waveP90.get("again")) / 2));
                        waveSame.add(waveP90.get("again") / waveP90.get("bare"));
                        nativeWaveRatios.add(waveP90.get("native") / waveP90.get("gotoiftime"));
                    }
                    for (String v : variants) {
                        one.computeIfAbsent(v, x -> new ArrayList<>()).addAll(oneRound.get(v));
                        twenty.computeIfAbsent(v, x -> new ArrayList<>()).addAll(twentyRound.get(v));
                    }
                    roundDiffs.add(quantile(oneRound.get("service"), 0.5) - quantile(oneRound.get("bare"), 0.5));
                    roundRatios.add(quantile(twentyRound.get("service"), 0.9) / quantile(twentyRound.get("bare"), 0.9));
                    sameDiffs.add(quantile(oneRound.get("again"), 0.5) - quantile(oneRound.get("bare"), 0.5));
                    nativeRoundRatios.add(quantile(oneRound.get("native"), 0.5) / quantile(oneRound.get("gotoiftime"), 0.5));
                    sameRatios.add(quantile(twentyRound.get("again"), 0.9) / quantile(twentyRound.get("bare"), 0.9));
                }
                BenchReport.header("figure" + (busy ? " (one core kept busy)" : ""), "value", "baseline");
                for (String v : variants) {
                    BenchReport.row("asterisk", v + ": set-up at 1 concurrent, median ms", String.format("%.2f", quantile(one.get(v), 0.5)),
                            one.get(v).size() + " calls");
                    BenchReport.row("asterisk", v + ": set-up at 20 concurrent, p90 ms", String.format("%.2f", quantile(twenty.get(v), 0.9)),
                            twenty.get(v).size() + " calls");
                }
                // the baseline is the bare script's calls from both its contexts: twice the sample
                List<Double> bareOne = new ArrayList<>(one.get("bare"));
                bareOne.addAll(one.get("again"));
                List<Double> bareTwenty = new ArrayList<>(twenty.get("bare"));
                bareTwenty.addAll(twenty.get("again"));
                double diff = quantile(one.get("service"), 0.5) - quantile(bareOne, 0.5);
                double ratio = quantile(twenty.get("service"), 0.9) / quantile(bareTwenty, 0.9);
                BenchReport.row("asterisk", "service - bare script (both) at 1 concurrent, median ms", String.format("%+.2f", diff), "target <= 0.5");
                BenchReport.row("asterisk", "  per round: lowest to highest", spread(roundDiffs, "%+.2f"), rounds + " rounds");
                BenchReport.row("asterisk", "service / bare script (both) at 20 concurrent, p90", String.format("%.2f", ratio), "target <= 1.2");
                BenchReport.row("asterisk", "  per round: lowest to highest", spread(roundRatios, "%.2f"), rounds + " rounds");
                BenchReport.row("asterisk", "service / bare script at 20, a wave's p90 against the bare waves of its turn, median",
                        String.format("%.2f", quantile(waveRatios, 0.5)), waveRatios.size() + " turns");
                BenchReport.row("asterisk", "native / GotoIfTime at 1 concurrent, median",
                        String.format("%.2f", quantile(one.get("native"), 0.5) / quantile(one.get("gotoiftime"), 0.5)),
                        "target <= 1.1");
                BenchReport.row("asterisk", "  per round: lowest to highest", spread(nativeRoundRatios, "%.2f"), rounds + " rounds");
                BenchReport.row("asterisk", "native / GotoIfTime at 20, a wave's p90 against GotoIfTime's of its turn, median",
                        String.format("%.2f", quantile(nativeWaveRatios, 0.5)), "target <= 1.1");
                BenchReport.row("asterisk", "floor / GotoIfTime at 1 concurrent, median",
                        String.format("%.2f", quantile(one.get("floor"), 0.5) / quantile(one.get("gotoiftime"), 0.5)),
                        "the least any logged Gosub costs");
                BenchReport.row("asterisk", "native - floor at 1 concurrent, median ms",
                        String.format("%+.2f", quantile(one.get("native"), 0.5) - quantile(one.get("floor"), 0.5)),
                        "what deciding costs");
                BenchReport.row("asterisk", "A/A, bare script again - bare script at 1, median ms",
                        String.format("%+.2f", quantile(one.get("again"), 0.5) - quantile(one.get("bare"), 0.5)),
                        "per round " + spread(sameDiffs, "%+.2f"));
                BenchReport.row("asterisk", "A/A, bare script again / bare script at 20, p90",
                        String.format("%.2f", quantile(twenty.get("again"), 0.9) / quantile(twenty.get("bare"), 0.9)),
                        "per round " + spread(sameRatios, "%.2f"));
                BenchReport.row("asterisk", "A/A, bare script again / bare script at 20, a wave's p90, median",
                        String.format("%.2f", quantile(waveSame, 0.5)), waveSame.size() + " turns");
                caller.logoff();
            } finally {
                if (load != null) {
                    load.destroyForcibly();
                }
            }
        }
    }

    /**
     * What each kind of dialplan work adds to {@code GotoIfTime}'s set-up: ten steps, ten variables set, a Gosub with
     * five arguments, one AstDB read, the call-record hangup handler; each variant is {@code GotoIfTime} plus that.
     * Beside them, the least route that decides by the pushed state and tells the call log, against {@code GotoIfTime}
     * as the main bench has it: how near any logged native route can come.
     */
    private static final String PARTS = String.join("\n",
            "[bench-parts-time]",
            "exten => s,1,GotoIfTime(10:00-15:00,mon-fri,*,*?open)",
            " same => n,Dial(" + QUICK + ")",
            " same => n,Return()",
            " same => n(open),Dial(" + QUICK + ",20)",
            " same => n,Return()",
            "",
            "[bench-steps10]",
            "exten => " + DID + ",1,NoOp(1)",
            " same => n,NoOp(2)", " same => n,NoOp(3)", " same => n,NoOp(4)", " same => n,NoOp(5)",
            " same => n,NoOp(6)", " same => n,NoOp(7)", " same => n,NoOp(8)", " same => n,NoOp(9)", " same => n,NoOp(10)",
            " same => n,Goto(bench-parts-time,s,1)",
            "",
            "[bench-mset10]",
            "exten => " + DID + ",1,MSet(A1=1,A2=2,A3=3,A4=4,A5=5,A6=6,A7=7,A8=8,A9=9,A10=10)",
            " same => n,Goto(bench-parts-time,s,1)",
            "",
            "[bench-gosub5]",
            "exten => " + DID + ",1,Gosub(bench-parts-time,s,1(a,b,c,d,e))",
            " same => n,Hangup()",
            "",
            "[bench-dbread]",
            "exten => " + DID + ",1,Set(X=${DB(afterhours/trygghetscenter/state)})",
            " same => n,Goto(bench-parts-time,s,1)",
            "",
            "[bench-handler]",
            "exten => " + DID + ",1,Set(CHANNEL(hangup_handler_push)=spool)",
            " same => n,Goto(bench-parts-time,s,1)",
            " same => n(spool),Return()",
            "",
            "[bench-timeonly]",
            "exten => " + DID + ",1,Goto(bench-parts-time,s,1)",
            "",
            // the least a route can do that routes by the pushed state and leaves the call log its decision: check
            // the state, one variable, Dial; in the DID's own extension (no Gosub), no record handler, no prefix
            "[bench-least]",
            "exten => " + DID + ",1,GotoIf($[\"${CUT(AH_STATE_trygghetscenter,|,1)}\" != \"1\""
                    + " | ${EPOCH} >= 0${CUT(AH_STATE_trygghetscenter,|,2)}]?other)",
            " same => n,Set(AH_CALL=native|${IF($[${EPOCH} >= 0${CUT(AH_STATE_trygghetscenter,|,3)}]"
                    + "?${CUT(AH_STATE_trygghetscenter,|,10-15)}:${CUT(AH_STATE_trygghetscenter,|,4-9)})})",
            " same => n,Dial(" + QUICK + ",${CUT(AH_CALL,|,4)})",
            " same => n,Hangup()",
            " same => n(other),Hangup()",
            "");

    /** The parts' set-up times against the same route with nothing before it, taking turns as the main bench does. */
    private static void parts(DefaultManagerConnection caller, SetupTimes times, int rounds, int single) throws Exception {
        String[] variants = {"timeonly", "steps10", "mset10", "gosub5", "dbread", "handler", "gotoiftime", "least"};
        for (String v : variants) {
            place(caller, times, v, 10, 1);
            place(caller, times, v, 200, 20);
        }
        java.util.Random order = new java.util.Random(20261203);
        Map<String, List<Double>> one = new HashMap<>();
        for (int i = 0; i < rounds * single; i++) {
            for (String v : shuffled(variants, order)) {
                one.computeIfAbsent(v, x -> new ArrayList<>()).addAll(place(caller, times, v, 1, 1));
            }
        }
        double base = quantile(one.get("timeonly"), 0.5);
        BenchReport.header("what each kind of dialplan work adds, 1 concurrent", "median ms", "added to GotoIfTime's");
        for (String v : List.of(variants).subList(0, 6)) {
            double median = quantile(one.get(v), 0.5);
            BenchReport.row("asterisk-parts", v + " (" + one.get(v).size() + " calls)", String.format("%.2f", median),
                    v.equals("timeonly") ? "the baseline: Goto, GotoIfTime, Dial" : String.format("%+.2f", median - base));
        }
        double time = quantile(one.get("gotoiftime"), 0.5);
        double least = quantile(one.get("least"), 0.5);
        BenchReport.row("asterisk-parts", "GotoIfTime in the DID's extension, median ms", String.format("%.2f", time),
                one.get("gotoiftime").size() + " calls");
        BenchReport.row("asterisk-parts", "least logged route (state checked, 1 variable, Dial) / GotoIfTime",
                String.format("%.2f", least / time), "native's target <= 1.1");
    }

    /** Places {@code count} calls, {@code concurrency} at a time; each one's set-up time in ms. */
    private static List<Double> place(DefaultManagerConnection caller, SetupTimes times, String variant, int count,
                                      int concurrency) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int done = 0; done < count; done += concurrency) {
            int wave = Math.min(concurrency, count - done);
            int before = times.count(variant);
            for (int i = 0; i < wave; i++) {
                OriginateAction call = new OriginateAction();
                call.setChannel("Local/" + DID + "@bench-" + variant);
                call.setContext("bench-phones");
                call.setExten("quick");
                call.setPriority(1);
                call.setCallerId("\"Bench caller\" <0701234567>");
                call.setAsync(true);
                call.setTimeout(20_000L);
                caller.sendAction(call, 5_000);
            }
            out.addAll(times.await(variant, before, before + wave, Duration.ofSeconds(30)));
            Thread.sleep(concurrency == 1 ? 20 : 300);   // the wave's calls end before the next starts
        }
        return out;
    }

    /** Each incoming leg's (Local ;2 half in a bench context) Newchannel matched to its DialBegin, per variant. */
    private static final class SetupTimes {
        private final Map<String, Double> started = new ConcurrentHashMap<>();
        private final Map<String, String> variantOf = new ConcurrentHashMap<>();
        private final Map<String, List<Double>> setup = new ConcurrentHashMap<>();

        void on(org.asteriskjava.manager.event.ManagerEvent event) {
            if (event instanceof NewChannelEvent n && n.getChannel() != null && n.getChannel().endsWith(";2")
                    && n.getContext() != null && n.getContext().startsWith("bench-") && event.getTimestamp() != null) {
                started.put(n.getUniqueId(), event.getTimestamp());
                variantOf.put(n.getUniqueId(), n.getContext().substring("bench-".length()));
            } else if (event instanceof DialBeginEvent d && d.getTimestamp() != null && d.getUniqueId() != null) {
                Double start = started.remove(d.getUniqueId());
                String variant = variantOf.remove(d.getUniqueId());
                if (start != null && variant != null) {
                    setup.computeIfAbsent(variant, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add((d.getTimestamp() - start) * 1000);
                }
            }
        }

        int count(String variant) {
            List<Double> list = setup.get(variant);
            return list == null ? 0 : list.size();
        }

        /** The set-up times number {@code from} to {@code total} of the variant, once they are all in. */
        List<Double> await(String variant, int from, int total, Duration limit) throws InterruptedException {
            long end = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < end) {
                if (count(variant) >= total) {
                    List<Double> all = setup.get(variant);
                    synchronized (all) {
                        return new ArrayList<>(all.subList(from, total));
                    }
                }
                Thread.sleep(1);
            }
            throw new IllegalStateException(variant + ": " + count(variant) + " of " + total + " calls reached Dial within "
                    + limit.toSeconds() + " s");
        }
    }

    /**
     * The bench's contexts: routing by time (GotoIfTime), the shipped route natively, the shipped route asking the
     * bare script (a copy of {@code afterhours-route} on the bare script's port) or the service, and a phone that
     * answers at once.
     */
    private static void benchDialplan(Path asteriskDir, int agiPort, int barePort) throws Exception {
        String shipped = Files.readString(Path.of("config/asterisk/extensions-afterhours.conf"));
        int from = shipped.indexOf("\n[afterhours-route]") + 1;
        String route = shipped.substring(from, shipped.indexOf("\n; A lamp", from) + 1);
        String bareRoute = route.replace("[afterhours-route]", "[bench-route-bare]")
                .replace("127.0.0.1:4573", "127.0.0.1:" + barePort);
        // the fifth argument pins each context's routing, whatever AH_ROUTING says
        String agi = "(trygghetscenter," + QUICK + ",TC: ,${EXTEN},agi))";
        String pushed = "(trygghetscenter," + QUICK + ",TC: ,${EXTEN},native))";
        Files.writeString(asteriskDir.resolve("etc/extensions.conf"), String.join("\n",
                "",
                "[bench-gotoiftime]",
                "exten => " + DID + ",1,GotoIfTime(10:00-15:00,mon-fri,*,*?open)",
                " same => n,Dial(" + QUICK + ")",
                " same => n,Hangup()",
                " same => n(open),Dial(" + QUICK + ",20)",
                " same => n,Hangup()",
                "",
                "[bench-native]",
                "exten => " + DID + ",1,Gosub(afterhours-route,s,1" + pushed,
                " same => n,Hangup()",
                "",
                "[bench-floor]",
                "exten => " + DID + ",1,Gosub(bench-floor-route,s,1" + pushed,
                " same => n,Hangup()",
                "",
                "[bench-floor-route]",
                route.lines().filter(l -> l.contains("hangup_handler_push")).findFirst().orElseThrow(),
                " same => n,Dial(" + QUICK + ",20)",
                " same => n,Return()",
                " same => n(spool),Return()",
                "",
                "[bench-bare]",
                "exten => " + DID + ",1,Gosub(bench-route-bare,s,1" + agi,
                " same => n,Hangup()",
                "",
                "[bench-again]",
                "exten => " + DID + ",1,Gosub(bench-route-bare,s,1" + agi,
                " same => n,Hangup()",
                "",
                "[bench-service]",
                "exten => " + DID + ",1,Gosub(afterhours-route,s,1" + agi,
                " same => n,Hangup()",
                "",
                PARTS,
                "[bench-phones]",
                "exten => quick,1,Answer()",
                " same => n,Hangup()",
                "",
                bareRoute), java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * The bench's own AMI account: it places the calls and times them, so it takes only the two events it times
     * (Newchannel, DialBegin), filtered inside Asterisk. The tests' account reads every event: a listener that
     * parses each dialplan step's events would load the two cores and weigh on variants by their step count.
     */
    private static void benchAccount(Path asteriskDir) throws Exception {
        Files.writeString(asteriskDir.resolve("etc/manager.conf"), String.join("\n", "",
                "[" + BENCH_ACCOUNT + "]", "secret = " + RealAsterisk.SECRET, "permit = 127.0.0.1/255.255.255.255",
                "read = call", "write = originate",
                "eventfilter(action(include),name(Newchannel)) =", "eventfilter(action(include),name(DialBegin)) =", ""),
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** The lab line with every dial string on the phone that answers at once, AMI on to the bench's Asterisk. */
    private static AppConfig benchConfig(Path dir, int amiPort, int agiPort) {
        AppConfig lab = ConfigLoader.load(Path.of("src/test/resources/config/lab.yaml"),
                Map.of(ConfigLoader.ENV_DATABASE, dir.resolve("bench.db").toString()));
        AppConfig.LineConfig center = lab.lines().get(0);
        Line l = center.line();
        Line quick = new Line(l.id(), l.name(), l.numbers(), l.zone(), QUICK, QUICK, QUICK, l.ringSeconds(), l.callerIdPrefix(),
                l.holidays());
        return new AppConfig(lab.database(), lab.http(), new AppConfig.Ami(true, "127.0.0.1", amiPort, "afterhours",
                RealAsterisk.SECRET, Duration.ofSeconds(5)), new AppConfig.FastAgi("127.0.0.1", agiPort, 10, 200),
                lab.stateGrace(), Duration.ofMinutes(1), lab.watchdogPeriod(),
                List.of(new AppConfig.LineConfig(quick, center.weekly(), center.exceptions())), lab.callRetention(), null);
    }

    private static List<String> shuffled(String[] variants, java.util.Random random) {
        List<String> turn = new ArrayList<>(List.of(variants));
        java.util.Collections.shuffle(turn, random);
        return turn;
    }

    private static String spread(List<Double> values, String format) {
        return String.format(format, java.util.Collections.min(values)) + " to "
                + String.format(format, java.util.Collections.max(values));
    }

    private static double quantile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** The bare script's variables: what the route sets, from constants, nothing decided. */
    private static String constants(String mode) {
        return "AH_DIAL=" + QUICK + ",AH_MODE=" + mode + ",AH_REASON=REGULAR_HOURS,AH_RING_SECONDS=20,AH_OVERFLOW="
                + QUICK + ",AH_CID_PREFIX=TC: ";
    }

    /** Another process that keeps one core busy, ended by the bench (or after {@code limit}). */
    public static final class CoreLoad {
        private CoreLoad() {
        }

        static Process start(Duration limit) throws Exception {
            return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), CoreLoad.class.getName(), Long.toString(limit.toSeconds()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        }

        public static void main(String[] args) {
            long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000_000L;
            long x = 0;
            while (System.nanoTime() < end) {
                x += System.nanoTime() % 7;
            }
            System.out.println(x);
        }
    }
}
