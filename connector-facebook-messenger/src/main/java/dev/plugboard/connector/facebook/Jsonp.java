package dev.plugboard.connector.facebook;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Optional;

/** JSON-P, looked up once: {@code Json.create*} would search for a provider on every call. */
final class Jsonp {

  /** The server's JSON-P implementation. */
  static final JsonProvider PROVIDER = JsonProvider.provider();

  private Jsonp() {}

  /**
   * @param text a JSON text
   * @return the object it holds, or empty when it is not JSON or not an object
   */
  static Optional<JsonObject> object(String text) {
    try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
      JsonValue value = reader.readValue();
      return value.getValueType() == JsonValue.ValueType.OBJECT
          ? Optional.of(value.asJsonObject())
          : Optional.empty();
    } catch (JsonException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a member that Graph sends as a string or as a number (ids, codes) as text.
   *
   * @param object a JSON object
   * @param key a member name
   * @return the member as text, when it is a string or a number
   */
  static Optional<String> text(JsonObject object, String key) {
    JsonValue value = object.get(key);
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.getValueType()) {
      case STRING -> Optional.of(object.getString(key));
      case NUMBER -> Optional.of(object.getJsonNumber(key).toString());
      default -> Optional.empty();
    };
  }

  /**
   * @param object a JSON object
   * @param key a member name
   * @return the member when it is an object
   */
  static Optional<JsonObject> child(JsonObject object, String key) {
    JsonValue value = object.get(key);
    return value != null && value.getValueType() == JsonValue.ValueType.OBJECT
        ? Optional.of(value.asJsonObject())
        : Optional.empty();
  }

  /**
   * @param object a JSON object
   * @param key a member name
   * @return the member when it is a number that fits a long
   */
  static Optional<Long> number(JsonObject object, String key) {
    JsonValue value = object.get(key);
    if (value == null || value.getValueType() != JsonValue.ValueType.NUMBER) {
      return Optional.empty();
    }
    try {
      return Optional.of(object.getJsonNumber(key).longValueExact());
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }
}
