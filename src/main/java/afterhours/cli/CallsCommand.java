package afterhours.cli;

import afterhours.calllog.CallStore;
import afterhours.calllog.CsvExport;
import afterhours.json.Json;
import afterhours.line.Line;
import afterhours.report.CallView;
import afterhours.store.Database;
import afterhours.validation.Choice;
import afterhours.validation.WholeNumber;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Lists a line's calls, newest first, as JSON lines or CSV, streamed in constant memory. */
@Command(name = "calls", mixinStandardHelpOptions = true, description = "List calls, newest first (JSON lines or CSV).")
public final class CallsCommand implements Callable<Integer> {
    @ParentCommand
    AfterhoursCommand top;

    @Mixin
    CallRange range;

    @Option(names = "--format", paramLabel = "json|csv", defaultValue = "json", description = "Output format (default json).")
    String format;

    @Option(names = "--mask", paramLabel = "DIGITS", arity = "0..1", fallbackValue = "4", defaultValue = "0",
            description = "Hide the last DIGITS digits of caller numbers (4 when given without a number).")
    int mask;

    @Override
    public Integer call() throws Exception {
        String f = Choice.of(List.of("json", "csv"), format, "--format");
        WholeNumber.check(mask, 0, 20, "--mask");
        try (Database db = top.readOnlyDatabase()) {
            Line line = CommandLines.line(db, range.lineId);
            CallStore store = new CallStore(db);
            Writer out = new BufferedWriter(new OutputStreamWriter(top.out, StandardCharsets.UTF_8));
            if (f.equals("csv")) {
                CsvExport csv = new CsvExport(out, line.zone(), mask);
                csv.header();
                store.stream(range.filter(line), csv::row);
            } else {
                store.stream(range.filter(line), c -> {
                    try {
                        out.write(Json.write(CallView.of(c, line.zone(), mask)));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            out.flush();
            return AfterhoursCommand.EXIT_OK;
        }
    }
}
