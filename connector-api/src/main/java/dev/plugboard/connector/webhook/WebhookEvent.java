package dev.plugboard.connector.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event split out of a webhook delivery, stored by the runtime exactly once per connection.
 *
 * @param kind what happened, in the connector's words, e.g. {@code message}, {@code echo}
 * @param externalId a stable id: the same event delivered again (a retry, a replay) has the same
 *     id, two different events never share one; e.g. the message id, else a hash of the event's
 *     bytes
 * @param routingKey which of a connection's {@link dev.plugboard.connector.GrantedResource
 *     resources} the event belongs to (e.g. the Page id), used to route shared-app deliveries;
 *     empty when the provider names none
 * @param payload the event as JSON text, exactly as the provider sent it where possible
 * @param occurredAt when the provider says it happened, if it says
 * @since 1
 */
public record WebhookEvent(
    String kind,
    String externalId,
    Optional<String> routingKey,
    String payload,
    Optional<Instant> occurredAt) {

  /**
   * Checks the arguments.
   *
   * @param kind what happened, in the connector's words, e.g. {@code message}, {@code echo}
   * @param externalId a stable id: the same event delivered again (a retry, a replay) has the same
   *     id, two different events never share one; e.g. the message id, else a hash of the event's
   *     bytes
   * @param routingKey which of a connection's {@link dev.plugboard.connector.GrantedResource
   *     resources} the event belongs to (e.g. the Page id), used to route shared-app deliveries;
   *     empty when the provider names none
   * @param payload the event as JSON text, exactly as the provider sent it where possible
   * @param occurredAt when the provider says it happened, if it says
   */
  public WebhookEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (kind.isBlank() || externalId.isBlank()) {
      throw new IllegalArgumentException("an event needs a kind and an external id");
    }
    if (externalId.length() > 255) {
      throw new IllegalArgumentException("external id longer than 255 characters");
    }
  }
}
