package afterhours.report;

import afterhours.calllog.CsvExport;
import afterhours.line.Line;
import afterhours.subject.HeldRecord;
import afterhours.subject.Subjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A caller's access document and an erasure's outcome as the API and the command line give them: JSON, or CSV
 * (one row per record, RFC 4180, a spreadsheet's formulas guarded). Times are in the zone of the record's line.
 */
public final class SubjectView {
    public static final String CSV_HEADER = "kind,id,line,at,what,kept,kept_until,caller_number,caller_name,detail";

    private SubjectView() {
    }

    /** Each line's zone by its id; a line no longer there (or none) reads in {@link Line#DEFAULT_ZONE}. */
    public static Function<String, ZoneId> zones(java.util.Collection<Line> lines) {
        Map<String, ZoneId> zones = new java.util.HashMap<>();
        lines.forEach(l -> zones.put(l.id(), l.zone()));
        return id -> id == null ? Line.DEFAULT_ZONE : zones.getOrDefault(id, Line.DEFAULT_ZONE);
    }

    /** The document as JSON. */
    public static Map<String, Object> of(Subjects.Document d, Function<String, ZoneId> zoneOf) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", d.number().canonical());
        out.put("matchedForms", d.number().storedForms());
        out.put("at", d.at().toString());
        out.put("pbxSpool", Map.of("read", d.spool().read(), "note", d.spool().note()));
        out.put("counts", d.counts());
        out.put("records", d.records().stream().map(r -> record(r, zoneOf.apply(r.lineId()))).toList());
        return out;
    }

    /** The erasure's outcome as JSON: how many records of each kind lost the number, and the spool's part. */
    public static Map<String, Object> of(Subjects.Erasure e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", e.number().masked());
        out.put("at", e.at().toString());
        out.put("erased", e.erased());
        out.put("total", e.total());
        out.put("pbxSpool", Map.of("read", e.spool().read(), "note", e.spool().note()));
        return out;
    }

    private static Map<String, Object> record(HeldRecord r, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind());
        m.put("id", r.id());
        m.put("line", r.lineId());
        m.put("at", StateView.iso(r.at(), zone));
        m.put("what", r.what());
        m.put("kept", r.kept());
        m.put("keptUntil", StateView.iso(r.keptUntil(), zone));
        Map<String, Object> data = new LinkedHashMap<>();
        r.data().forEach((k, v) -> data.put(k, v instanceof Instant t ? StateView.iso(t, zone) : v));
        m.put("data", data);
        return m;
    }

    /** The document as CSV: the spool's state first as a comment-free row of kind {@code pbx-spool-state}. */
    public static void csv(Subjects.Document d, Function<String, ZoneId> zoneOf, Writer out) {
        write(out, CSV_HEADER + "\r\n");
        write(out, row(List.of("pbx-spool-state", "", "", d.at().toString(), d.spool().note(), "", "", "", "",
                Boolean.toString(d.spool().read()))));
        for (HeldRecord r : d.records()) {
            ZoneId zone = zoneOf.apply(r.lineId());
            Map<String, Object> detail = new LinkedHashMap<>(r.data());
            Object number = detail.remove("callerNumber");
            Object name = detail.remove("callerName");
            StringBuilder rest = new StringBuilder();
            detail.forEach((k, v) -> {
                if (v != null) {
                    rest.append(rest.isEmpty() ? "" : "; ").append(k).append('=')
                            .append(v instanceof Instant t ? StateView.iso(t, zone) : v);
                }
            });
            write(out, row(java.util.Arrays.asList(r.kind(), r.id(), r.lineId(), StateView.iso(r.at(), zone), r.what(),
                    r.kept(), StateView.iso(r.keptUntil(), zone), text(number), text(name), rest.toString())));
        }
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static String row(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : ",").append(CsvExport.cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    private static void write(Writer out, String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the subject's CSV failed", e);
        }
    }
}
