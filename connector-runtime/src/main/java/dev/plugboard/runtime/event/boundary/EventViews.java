package dev.plugboard.runtime.event.boundary;

import dev.plugboard.runtime.paging.Page;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Events as the API shows them: {@code {id, kind, externalId, routingKey, receivedAt, occurredAt,
 * payload}}, with the payload as the JSON value it is rather than as text. Built with JSON-P, so
 * the payload is copied as it is, whatever it holds.
 */
final class EventViews {

  private EventViews() {}

  /**
   * The fields of one event.
   *
   * @param id the event's id
   * @param kind what happened
   * @param externalId the provider's id
   * @param routingKey the resource it belongs to
   * @param receivedAt when it arrived
   * @param occurredAt when it happened, if known
   * @param payload its JSON text
   */
  record Fields(
      long id,
      String kind,
      String externalId,
      Optional<String> routingKey,
      Instant receivedAt,
      Optional<Instant> occurredAt,
      String payload) {}

  static <T> JsonObject page(Page<T> page, Function<T, Fields> fields) {
    JsonArrayBuilder items = Json.createArrayBuilder();
    page.items().forEach(item -> items.add(one(fields.apply(item))));
    JsonObjectBuilder body = Json.createObjectBuilder().add("items", items);
    if (page.next() != null) {
      body.add("next", page.next());
    }
    return body.build();
  }

  private static JsonObject one(Fields event) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", event.id())
            .add("kind", event.kind())
            .add("externalId", event.externalId());
    event
        .routingKey()
        .ifPresentOrElse(k -> json.add("routingKey", k), () -> json.addNull("routingKey"));
    json.add("receivedAt", event.receivedAt().toString());
    event
        .occurredAt()
        .ifPresentOrElse(
            t -> json.add("occurredAt", t.toString()), () -> json.addNull("occurredAt"));
    return json.add("payload", parse(event.payload())).build();
  }

  private static JsonValue parse(String payload) {
    try (JsonReader reader = Json.createReader(new StringReader(payload))) {
      return reader.readValue();
    } catch (RuntimeException e) {
      return Json.createValue(payload); // a connector that kept something other than JSON
    }
  }
}
