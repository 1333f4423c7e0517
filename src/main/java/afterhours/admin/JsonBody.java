package afterhours.admin;

import afterhours.json.Binding;
import afterhours.validation.InvalidField;
import afterhours.validation.Rule;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body read strictly: only {@code application/json} (optionally {@code ; charset=utf-8}), one
 * JSON object, no key twice, nothing after it. Every refusal is a 4xx that says what is wrong.
 */
final class JsonBody {
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "(?i)application/json\\s*(;\\s*charset\\s*=\\s*\"?utf-8\"?\\s*)?");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private JsonBody() {
    }

    /** The body as a JSON object, or a 415 or 400 saying why not. */
    static JsonNode object(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null || !MEDIA_TYPE.matcher(type.strip()).matches()) {
            throw new ApiError(415, Failure.UNSUPPORTED_MEDIA_TYPE, null,
                    "send the body as application/json (UTF-8), was " + (type == null ? "no Content-Type" : "'" + type + "'"));
        }
        JsonNode node;
        try {
            node = STRICT.readTree(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            Matcher dup = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (dup.find()) {
                String path = e.getProcessor() instanceof JsonParser parser
                        ? Binding.pointerPath(parser.getParsingContext().pathAsPointer().toString()) : dup.group(1);
                throw ApiError.invalid(new InvalidField(path.isEmpty() ? dup.group(1) : path, Rule.DUPLICATE_KEY,
                        Map.of("key", dup.group(1)), "appears twice in the body"));
            }
            if (e instanceof JsonParseException || e.getOriginalMessage() == null) {
                throw new ApiError(400, Failure.INVALID_JSON, null, "the body is not valid JSON"
                        + (e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")"));
            }
            throw new ApiError(400, Failure.INVALID_JSON, null, e.getOriginalMessage().startsWith("Trailing token")
                    ? "there is more after the JSON object" : "the body is not valid JSON");
        } catch (IOException e) {
            throw new ApiError(400, Failure.INVALID_JSON, null, "the body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.invalid(new InvalidField("", Rule.EXPECTED_OBJECT, "expected a JSON object"));
        }
        return node;
    }
}
