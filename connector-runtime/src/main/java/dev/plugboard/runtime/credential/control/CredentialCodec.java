package dev.plugboard.runtime.credential.control;

import static dev.plugboard.runtime.json.Jsonp.JSON;

import dev.plugboard.connector.Credentials;
import dev.plugboard.connector.GrantedResource;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@link Credentials} as one JSON text and reads it back: the form in which they are sealed.
 * The text holds secrets and is never stored or logged as it is.
 */
public final class CredentialCodec {

  /** Bumped if the shape ever changes, so that older rows stay readable. */
  private static final int FORMAT = 1;

  private CredentialCodec() {}

  /**
   * @param credentials what an authorization granted
   * @return the JSON text
   */
  public static String write(Credentials credentials) {
    JsonArrayBuilder resources = JSON.createArrayBuilder();
    for (GrantedResource r : credentials.resources()) {
      resources.add(
          JSON.createObjectBuilder()
              .add("id", r.id())
              .add("name", r.name())
              .add("secrets", map(r.secrets()))
              .add("attributes", map(r.attributes())));
    }
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("format", FORMAT)
            .add("secrets", map(credentials.secrets()))
            .add("attributes", map(credentials.attributes()))
            .add("resources", resources);
    credentials.expiresAt().ifPresent(at -> json.add("expiresAt", at.toString()));
    return json.build().toString();
  }

  /**
   * @param text a JSON text from {@link #write}
   * @return the credentials
   * @throws IllegalStateException when the text is not such a JSON text
   */
  public static Credentials read(String text) {
    JsonObject json;
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      json = reader.readObject();
    } catch (RuntimeException e) {
      throw new IllegalStateException("stored credentials are not readable", e);
    }
    List<GrantedResource> resources = new ArrayList<>();
    for (JsonValue item : json.getJsonArray("resources")) {
      JsonObject r = item.asJsonObject();
      resources.add(
          new GrantedResource(
              r.getString("id"),
              r.getString("name"),
              map(r.getJsonObject("secrets")),
              map(r.getJsonObject("attributes"))));
    }
    return new Credentials(
        map(json.getJsonObject("secrets")),
        map(json.getJsonObject("attributes")),
        resources,
        json.containsKey("expiresAt")
            ? Optional.of(Instant.parse(json.getString("expiresAt")))
            : Optional.empty());
  }

  private static JsonObjectBuilder map(Map<String, String> values) {
    JsonObjectBuilder json = JSON.createObjectBuilder();
    new java.util.TreeMap<>(values).forEach(json::add);
    return json;
  }

  private static Map<String, String> map(JsonObject json) {
    Map<String, String> values = new LinkedHashMap<>();
    json.forEach((k, v) -> values.put(k, ((JsonString) v).getString()));
    return values;
  }
}
