package afterhours.admin;

import static afterhours.admin.Access.ADMIN;

import afterhours.calllog.CallerNumber;
import afterhours.report.SubjectView;
import afterhours.subject.Subjects;
import afterhours.switching.Switchboard;
import afterhours.validation.Choice;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * A caller's rights, for the admin only: {@code GET /api/v1/subjects/{number}} (everything held about the number,
 * JSON or {@code ?format=csv}) and {@code DELETE /api/v1/subjects/{number}} with {@code {"reason": "…"}} (erased
 * everywhere, and on arrival later). Both are audited with the number masked.
 */
final class SubjectsApi {
    /** Paths that hold a caller's number: never logged as they are. */
    static final String PATH_PREFIX = "/api/v1/subjects/";
    private final Subjects subjects;
    private final Switchboard switchboard;
    private final Clock clock;

    SubjectsApi(Subjects subjects, Switchboard switchboard, Clock clock) {
        this.subjects = subjects;
        this.switchboard = switchboard;
        this.clock = clock;
    }

    void routes(Javalin app) {
        String subject = PATH_PREFIX + "{number}";
        app.get(subject, this::export, ADMIN);
        app.delete(subject, this::erase, ADMIN);
    }

    private void export(Context ctx) throws Exception {
        String format = ctx.queryParam("format") == null ? "json"
                : Choice.of(List.of("json", "csv"), ctx.queryParam("format"), "format");
        CallerNumber number = subjects.number(ctx.pathParam("number"), "number");
        Subjects.Document document = subjects.export(number, AdminApi.who(ctx).name(), clock.instant());
        Function<String, ZoneId> zones = zones();
        if (format.equals("csv")) {
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"subject.csv\"");
            Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
            SubjectView.csv(document, zones, out);
            out.flush();
        } else {
            ctx.json(SubjectView.of(document, zones));
        }
    }

    private void erase(Context ctx) {
        CallerNumber number = subjects.number(ctx.pathParam("number"), "number");
        String reason = JsonNodeReader.of(ctx).text("reason");
        ctx.json(SubjectView.of(subjects.erase(number, AdminApi.who(ctx).name(), reason, clock.instant())));
    }

    private Function<String, ZoneId> zones() {
        return SubjectView.zones(switchboard.lines().stream().map(l -> l.line()).toList());
    }
}
