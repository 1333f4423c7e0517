package afterhours.admin;

import afterhours.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

/** A small JSON body with text fields (the login form). */
final class JsonNodeReader {
    private final JsonNode node;

    private JsonNodeReader(JsonNode node) {
        this.node = node;
    }

    static JsonNodeReader of(Context ctx) {
        try {
            JsonNode node = Json.MAPPER.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw ApiError.invalid("", "expected a JSON object");
            }
            return new JsonNodeReader(node);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "invalid_json", null, "the body is not valid JSON");
        }
    }

    String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw ApiError.invalid(field, "is required");
        }
        return v.asText();
    }
}
