package dev.plugboard.runtime.event.boundary;

import static dev.plugboard.runtime.json.Jsonp.JSON;

import dev.plugboard.runtime.event.entity.StoredEvent;
import dev.plugboard.runtime.paging.Page;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * Events as the API shows them: {@code {id, kind, externalId, routingKey, receivedAt, occurredAt,
 * payload}}, with the payload as the JSON value it is rather than as text. Built with JSON-P, so
 * the payload is copied as it is, whatever it holds.
 */
final class EventViews {

  private EventViews() {}

  static JsonObject page(Page<? extends StoredEvent> page) {
    JsonArrayBuilder items = JSON.createArrayBuilder();
    page.items().forEach(item -> items.add(one(item)));
    JsonObjectBuilder body = JSON.createObjectBuilder().add("items", items);
    if (page.next() != null) {
      body.add("next", page.next());
    }
    return body.build();
  }

  private static JsonObject one(StoredEvent event) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
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
    try (JsonReader reader = JSON.createReader(new StringReader(payload))) {
      return reader.readValue();
    } catch (RuntimeException e) {
      return JSON.createValue(payload); // a connector that kept something other than JSON
    }
  }
}
