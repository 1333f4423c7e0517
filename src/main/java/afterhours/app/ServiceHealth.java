package afterhours.app;

import afterhours.config.AppConfig;
import afterhours.pbx.ami.AmiPbxGateway;
import afterhours.pbx.ami.PbxHealth;
import afterhours.routing.LiveLines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The service's health as monitoring and the status page read it; nothing personal in it. */
public final class ServiceHealth {
    private final Optional<AmiPbxGateway> ami;
    private final BooleanSupplier fastAgiListening;
    private final AppConfig.FastAgi fastAgi;
    private final LiveLines lines;

    ServiceHealth(Optional<AmiPbxGateway> ami, BooleanSupplier fastAgiListening, AppConfig.FastAgi fastAgi,
                  LiveLines lines) {
        this.ami = ami;
        this.fastAgiListening = fastAgiListening;
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
        m.put("fastAgi", fastAgiListening.getAsBoolean() ? "listening on " + fastAgi.bind() + ":" + fastAgi.port()
                : "not started");
        return m;
    }

    /** {@code /health}: UP, or DEGRADED while the AMI connection is down or the PBX lacks something, with why. */
    public Map<String, Object> summary() {
        String ami = amiState();
        List<String> missing = this.ami.map(g -> g.health().missing()).orElse(List.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "disconnected".equals(ami) || !missing.isEmpty() ? "DEGRADED" : "UP");
        m.put("lines", lines.all().size());
        m.put("ami", ami);
        if (!missing.isEmpty()) {
            m.put("missing", missing);
        }
        m.put("fastAgi", fastAgiListening.getAsBoolean() ? "listening" : "not started");
        return m;
    }

    private String amiState() {
        return ami.isEmpty() ? "disabled" : ami.get().health().connected() ? "connected" : "disconnected";
    }
}
