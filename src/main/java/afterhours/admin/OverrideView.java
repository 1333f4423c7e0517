package afterhours.admin;

import afterhours.schedule.LineState;
import afterhours.schedule.ManualOverride;
import afterhours.schedule.OverrideEffect;
import afterhours.validation.Dates;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** An override and what it does, as the API shows them; instants in the line's zone. */
final class OverrideView {
    private OverrideView() {
    }

    /**
     * {@code {"mode","since","until","untilNextChange","setBy","note","effect"}}: {@code until} is when the
     * manual setting stops applying, {@code effect} what it does from {@code effect}'s instant on.
     */
    static Map<String, Object> of(ManualOverride o, OverrideEffect effect, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", o.mode());
        m.put("since", Dates.iso(o.start(), zone));
        m.put("until", Dates.iso(effect.until(), zone));
        m.put("untilNextChange", o.untilNextChange());
        m.put("setBy", o.setBy());
        m.put("note", o.note());
        m.put("effect", effect(effect, o.untilNextChange(), zone));
        return m;
    }

    /**
     * The effect: {@code until} (the manual setting's end), {@code end} (when the line's mode changes, at or after
     * {@code until}), {@code minutes} to {@code end}, the minutes OPEN outside the opening hours or FORWARDED during
     * them, whether that includes the night, what holds afterwards ({@code then}) and whether setting it needs
     * {@code "confirm": true}.
     */
    static Map<String, Object> effect(OverrideEffect e, boolean untilNextChange, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", e.mode());
        m.put("until", Dates.iso(e.until(), zone));
        m.put("untilNextChange", untilNextChange);
        m.put("end", Dates.iso(e.end(), zone));
        m.put("minutes", e.duration() == null ? null : minutes(e.duration()));
        m.put("openOutsideHoursMinutes", minutes(e.openOutsideHours()));
        m.put("forwardedDuringHoursMinutes", minutes(e.forwardedDuringHours()));
        m.put("night", e.night());
        m.put("then", e.then() == null ? null : then(e.then(), zone));
        m.put("confirmationNeeded", e.needsConfirmation());
        return m;
    }

    /** What holds after the override: the schedule's mode, its reason and why, and until when. */
    private static Map<String, Object> then(LineState s, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", s.mode());
        m.put("reason", s.reason());
        m.put("why", s.why().view(zone));
        m.put("until", Dates.iso(s.nextChange(), zone));
        return m;
    }

    /** Whole minutes, rounded up: a part of a minute open outside the hours still counts. */
    private static long minutes(Duration d) {
        return (d.toSeconds() + 59) / 60;
    }
}
