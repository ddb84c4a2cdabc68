package dev.plugboard.runtime.event.entity;

import dev.plugboard.connector.webhook.WebhookEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One event as the runtime stores it: a connector's {@link WebhookEvent}, fitted to the columns
 * (kinds and routing keys too long for them are cut or dropped, times to microseconds).
 *
 * @param kind what happened, at most {@link #MAX_KIND} characters
 * @param externalId the stable id the event is deduplicated by
 * @param routingKey the resource it belongs to (e.g. Page id), if known and short enough to store
 * @param payload the event's JSON text
 * @param occurredAt when the provider says it happened
 */
public record EventData(
    String kind,
    String externalId,
    Optional<String> routingKey,
    String payload,
    Optional<Instant> occurredAt) {

  /** The longest kind stored. */
  public static final int MAX_KIND = 64;

  /** The longest routing key stored. */
  public static final int MAX_KEY = 255;

  /** Checks the arguments. */
  public EventData {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /**
   * @param event an event a connector split out of a delivery
   * @return the event as stored
   */
  public static EventData of(WebhookEvent event) {
    String kind =
        event.kind().length() > MAX_KIND ? event.kind().substring(0, MAX_KIND) : event.kind();
    return new EventData(
        kind,
        event.externalId(),
        event.routingKey().filter(k -> !k.isEmpty() && k.length() <= MAX_KEY),
        event.payload(),
        event
            .occurredAt()
            .filter(t -> t.isAfter(EARLIEST) && t.isBefore(LATEST))
            .map(t -> t.truncatedTo(ChronoUnit.MICROS)));
  }

  /** Times outside these are not dates a provider means, and not all databases store them. */
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");
}
