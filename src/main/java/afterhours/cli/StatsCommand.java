package afterhours.cli;

import afterhours.calllog.AmiGap;
import afterhours.calllog.CallFilter;
import afterhours.calllog.CallStats;
import afterhours.calllog.CallStore;
import afterhours.json.Json;
import afterhours.line.Line;
import afterhours.report.StateView;
import afterhours.store.Database;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** The evaluation figures of a line over a period, as one JSON object. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Call statistics: by hour of day and weekday, forwarded share, median ring time, per day.")
public final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    AfterhoursCommand top;

    @Mixin
    CallRange range;

    @Override
    public Integer call() throws Exception {
        try (Database db = top.readOnlyDatabase()) {
            Line line = CommandLines.line(db, range.lineId);
            CallFilter filter = range.filter(line);
            CallStore store = new CallStore(db);
            CallStats.Result stats = store.stats(filter, line.zone());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("line", line.id());
            out.put("from", StateView.iso(filter.from(), line.zone()));
            out.put("to", StateView.iso(filter.to(), line.zone()));
            out.put("stats", stats);
            List<Map<String, Object>> gaps = new java.util.ArrayList<>();
            for (AmiGap g : store.gaps(filter.from(), filter.to())) {
                Map<String, Object> gap = new LinkedHashMap<>();
                gap.put("from", StateView.iso(g.from(), line.zone()));
                gap.put("to", StateView.iso(g.to(), line.zone()));   // null: still down
                gap.put("stillDown", g.stillDown());
                gaps.add(gap);
            }
            out.put("amiGaps", gaps);
            top.out.println(Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .setVisibility(PropertyAccessor.FIELD,
                            JsonAutoDetect.Visibility.PUBLIC_ONLY)
                    .writeValueAsString(out));
            return AfterhoursCommand.EXIT_OK;
        }
    }
}
