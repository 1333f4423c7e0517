package afterhours.metrics;

import afterhours.calllog.CallRecord;
import afterhours.calllog.MissedCallEntry;
import afterhours.schedule.Mode;
import afterhours.switching.Switch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The figures an operator graphs, in Prometheus' text format: calls by line, route and answered; missed calls
 * by line and mode; switches
 * by line and mode; whether AMI is connected; each line's mode; the FastAGI route time. No personal data.
 */
public final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer route;

    public ServiceMetrics() {
        route = Timer.builder("afterhours.fastagi.route").description("Time the route script takes to answer a call")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public void callCompleted(CallRecord call) {
        Counter.builder("afterhours.calls").description("Calls logged, by line, route and whether anyone answered")
                .tag("line", call.lineId()).tag("route", call.route() == null ? "none" : call.route().key())
                .tag("answered", Boolean.toString(call.answered())).register(registry).increment();
    }

    /** A missed call stored (by this instance: with several, their counts add up to each call once). */
    public void missedCall(MissedCallEntry missed) {
        missedCalls(missed.call().lineId(), missed.call().mode()).increment();
    }

    /** Shows the line's missed-call counts from the start, at 0, so a graph has them before the first one. */
    public void missedCallsOf(String lineId) {
        for (Mode mode : Mode.values()) {
            missedCalls(lineId, mode);
        }
    }

    private Counter missedCalls(String lineId, Mode mode) {
        return Counter.builder("afterhours.calls.missed").description("Missed calls (nobody answered), by line and mode")
                .tag("line", lineId).tag("mode", mode == null ? "unknown" : mode.name()).register(registry);
    }

    public void switched(Switch s) {
        Counter.builder("afterhours.switches").description("Mode switches, by line and new mode")
                .tag("line", s.lineId()).tag("to", s.to().name()).register(registry).increment();
    }

    public void routed(Duration took) {
        route.record(took);
    }

    public void amiConnected(BooleanSupplier connected) {
        Gauge.builder("afterhours.ami.connected", () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while the AMI connection is up").register(registry);
    }

    /** The call log's health: records the database refused (quarantined) and records dropped while it could not keep up. */
    public void callLog(LongSupplier quarantined, LongSupplier dropped, LongSupplier spooled) {
        Gauge.builder("afterhours.calls.quarantined", quarantined::getAsLong)
                .description("Call records the database refused, kept in call_quarantine").register(registry);
        Gauge.builder("afterhours.calls.dropped", dropped::getAsLong)
                .description("Call records dropped while the database could not keep up (the spool keeps finished calls)")
                .register(registry);
        Gauge.builder("afterhours.calls.spooled", spooled::getAsLong)
                .description("Calls collected from the PBX's spool").register(registry);
    }

    /** Calls whose caller number and name the nightly retention masked (calllog.numbersKeptDays). */
    public void numbersMasked(int calls) {
        Counter.builder("afterhours.calls.numbers.masked")
                .description("Calls whose caller number and name were masked after calllog.numbersKeptDays")
                .register(registry).increment(calls);
    }

    /** 1 while the line is forwarded to the contractor, 0 while open. */
    public void lineMode(String lineId, Supplier<Mode> mode) {
        Gauge.builder("afterhours.line.forwarded", () -> mode.get() == Mode.FORWARDED ? 1 : 0)
                .tag("line", lineId).description("1 while the line is forwarded").register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
