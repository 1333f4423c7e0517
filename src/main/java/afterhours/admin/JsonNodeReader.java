package afterhours.admin;

import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

/** A small JSON body with text fields (the login form). */
final class JsonNodeReader {
    private final JsonNode node;

    private JsonNodeReader(JsonNode node) {
        this.node = node;
    }

    /** The body of the login or setup form: JSON only, strictly read. */
    static JsonNodeReader of(Context ctx) {
        return new JsonNodeReader(JsonBody.object(ctx));
    }

    String text(String field) {
        JsonNode v = node.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw new InvalidField(field, Rule.EXPECTED_TEXT, "expected text");
        }
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new InvalidField(field, Rule.REQUIRED, "is required");
        }
        return v.asText();
    }
}
