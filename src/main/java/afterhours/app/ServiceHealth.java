package afterhours.app;

import afterhours.pbx.agi.FastAgiServer;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.pbx.ami.PbxHealth;
import afterhours.routing.LiveLines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The service's health as monitoring and the status page read it; nothing personal in it. */
public final class ServiceHealth {
    private final Optional<AmiPbxGateway> ami;
    /** The FastAGI server once started (null before, and in the compositions without one). */
    private final Supplier<FastAgiServer> fastAgi;
    private final LiveLines lines;

    ServiceHealth(Optional<AmiPbxGateway> ami, Supplier<FastAgiServer> fastAgi, LiveLines lines) {
        this.ami = ami;
        this.fastAgi = fastAgi;
        this.lines = lines;
    }

    /** The PBX connection as the status shows it. */
    public Map<String, Object> pbx() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ami", amiState());
        ami.ifPresent(g -> {
            PbxHealth h = g.health();
            m.put("amiSince", h.since().toString());
            m.put("lastPush", h.lastPush() == null ? null : h.lastPush().toString());
            m.put("lastProblem", h.lastProblem());
            m.put("missing", h.missing());
            m.put("checked", h.checked() == null ? null : h.checked().toString());
        });
        FastAgiServer agi = fastAgi.get();
        m.put("fastAgi", switch (fastAgiState()) {
            case "listening" -> "listening on " + agi.settings().bind() + ":" + agi.settings().port();
            default -> fastAgiState();
        });
        return m;
    }

    /**
     * {@code /health}: UP, or DEGRADED while the AMI connection is down, the PBX lacks something or the FastAGI
     * server that was started no longer listens, with why.
     */
    public Map<String, Object> summary() {
        String ami = amiState();
        List<String> missing = this.ami.map(g -> g.health().missing()).orElse(List.of());
        Map<String, Object> m = new LinkedHashMap<>();
        String agi = fastAgiState();
        m.put("status", "disconnected".equals(ami) || !missing.isEmpty() || "stopped".equals(agi) ? "DEGRADED" : "UP");
        m.put("lines", lines.all().size());
        m.put("ami", ami);
        if (!missing.isEmpty()) {
            m.put("missing", missing);
        }
        m.put("fastAgi", agi);
        return m;
    }

    /** What really listens: {@code listening}, {@code stopped} (started, no longer listening) or {@code not started}. */
    private String fastAgiState() {
        FastAgiServer agi = fastAgi.get();
        return agi == null ? "not started" : agi.listening() ? "listening" : "stopped";
    }

    private String amiState() {
        return ami.isEmpty() ? "disabled" : ami.get().health().connected() ? "connected" : "disconnected";
    }
}
