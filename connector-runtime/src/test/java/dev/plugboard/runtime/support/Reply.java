package dev.plugboard.runtime.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * One HTTP response as the tests look at it: status, headers and the body as text.
 *
 * @param status the status code
 * @param headers the headers, names in lower case
 * @param body the body, empty when there is none
 */
public record Reply(int status, Map<String, List<String>> headers, String body) {

  /**
   * @return the body parsed as a JSON object
   */
  public JsonObject json() {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
    }
  }

  /**
   * @param name a header name
   * @return the header's first value, or {@code null}
   */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * @return the media type without parameters
   */
  public String mediaType() {
    String type = header("content-type");
    return type == null ? null : type.split(";")[0].strip();
  }

  @Override
  public String toString() {
    return status + " " + mediaType() + " " + body;
  }
}
