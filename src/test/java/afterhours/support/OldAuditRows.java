package afterhours.support;

import static org.assertj.core.api.Assertions.assertThat;

import afterhours.audit.AuditLog;
import afterhours.json.Json;
import afterhours.store.Database;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/**
 * Audit entries as the version before schema 9 wrote them (a read with every query parameter, the caller number
 * among them; a webhook with its whole URL), put into a database as if it had not yet been upgraded, and what
 * the upgrade must leave of them.
 */
public final class OldAuditRows {
    private static final String[][] ROWS = {
        {"calls-listed", null, "{\"from\":\"2026-11-01T00:00:00+01:00\",\"to\":null,\"caller\":\"0701234567\","
                + "\"mode\":\"open\",\"mask\":\"4\",\"note\":\"any text a viewer typed\",\"limit\":\"50\"}"},
        {"calls-counted", null, "{\"from\":null,\"to\":null,\"mask\":\"DROP TABLE\",\"route\":\"OVERFLOW\"}"},
        {"recipient-added", null, "{\"id\":1,\"name\":\"Vakt\",\"channel\":\"webhook\","
                + "\"address\":\"https://alarm.contractor.example:8443/hooks/s3cr3t?key=k\",\"secret\":\"set\"}"},
        {"recipient-removed", "{\"id\":2,\"name\":\"Vakt\",\"channel\":\"webhook\","
                + "\"address\":\"http://hooks.example?key=k2\",\"secret\":\"set\"}", null},
        {"recipient-added", null, "{\"id\":3,\"name\":\"Desk\",\"channel\":\"email\",\"address\":\"desk@contractor.example\"}"},
    };

    private OldAuditRows() {
    }

    /** Writes the old entries and forgets that schema 9 ran, so the next open runs it on them. */
    public static void insertAndForgetSchema9(Database db) {
        db.write("old audit entries", c -> {
            for (String[] row : ROWS) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO audit (at, actor, action, line_id, before, after) VALUES (?, 'vera', ?, 'trygghetscenter', ?, ?)")) {
                    ps.setLong(1, Instant.parse("2026-11-25T10:00:00Z").toEpochMilli());
                    ps.setString(2, row[0]);
                    ps.setString(3, row[1]);
                    ps.setString(4, row[2]);
                    ps.executeUpdate();
                }
            }
            c.createStatement().executeUpdate("DELETE FROM flyway_schema_history WHERE version = '9'");
            return null;
        });
    }

    /** What schema 9 leaves: the filters that matter, whether a caller was searched, webhooks up to the host. */
    public static void assertUpgraded(Database db) throws Exception {
        List<AuditLog.Entry> entries = new AuditLog(db).recent(ROWS.length);
        JsonNode listed = Json.MAPPER.readTree(entries.get(4).after());
        assertThat(listed.toString()).doesNotContain("0701234567", "any text", "limit", "note");
        assertThat(listed.get("caller").asBoolean()).isTrue();
        assertThat(listed.get("mode").asText()).isEqualTo("OPEN");
        assertThat(listed.get("mask").asInt()).isEqualTo(4);
        assertThat(listed.get("from").asText()).isEqualTo("2026-11-01T00:00:00+01:00");
        JsonNode counted = Json.MAPPER.readTree(entries.get(3).after());
        assertThat(counted.get("caller").asBoolean()).isFalse();
        assertThat(counted.get("route").asText()).isEqualTo("overflow");
        assertThat(counted.has("mask")).as("not a number: dropped").isFalse();
        assertThat(Json.MAPPER.readTree(entries.get(2).after()).get("address").asText())
                .isEqualTo("https://alarm.contractor.example:8443/…");
        assertThat(Json.MAPPER.readTree(entries.get(1).before()).get("address").asText()).isEqualTo("http://hooks.example/…");
        assertThat(Json.MAPPER.readTree(entries.get(0).after()).get("address").asText()).isEqualTo("desk@contractor.example");
    }
}
