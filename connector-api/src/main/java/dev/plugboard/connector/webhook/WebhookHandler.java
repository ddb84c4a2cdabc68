package dev.plugboard.connector.webhook;

import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.schema.Setup;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A connector's webhook handling: the provider's subscription handshake, the check of each
 * delivery's signature, and splitting a delivery into events. The runtime owns the URLs, the body
 * size limit, storage and deduplication.
 *
 * <p>For each {@code POST} the runtime calls {@link #verify} first, over the exact bytes received,
 * and only when it is valid {@link #split}; nothing is stored for a refused delivery.
 *
 * <p><b>Threading.</b> Called concurrently for many connections; must be stateless.
 *
 * @since 1
 */
public interface WebhookHandler {

  /**
   * Answers a verification request ({@code GET}). Tokens are compared in constant time.
   *
   * @param setup the effective setup of the connection (or the operator's defaults, for a shared
   *     app URL)
   * @param request the request as received
   * @return accepted with the body to echo, refused, or invalid
   */
  Handshake handshake(Setup setup, WebhookRequest request);

  /**
   * Checks that a delivery was signed by the provider with the setup's secret, over the exact body
   * bytes, in constant time; the algorithm is fixed by the connector, never taken from the request.
   *
   * @param setup the effective setup holding the signing secret
   * @param request the delivery as received
   * @return valid, or refused with the reason
   */
  Verification verify(Setup setup, WebhookRequest request);

  /**
   * Splits a verified delivery into its events, every one of them: all entries, all event lists.
   * Each event's {@link WebhookEvent#externalId()} is stable across repeated deliveries.
   *
   * @param request a delivery that passed {@link #verify}
   * @return the events, in the order delivered; may be empty
   * @throws CallerException if the body is not a delivery this provider sends (not JSON, wrong
   *     object type), with the reason
   */
  List<WebhookEvent> split(WebhookRequest request);

  /**
   * A delivery as the provider would send it, signed with the setup's secret, holding one harmless
   * test event: the runtime posts it to the connection's own webhook URL so a person can see the
   * whole path work before the provider sends anything. The default makes none.
   *
   * @param setup the effective setup holding the signing secret
   * @param resourceIds the ids of the connection's resources (e.g. Page ids), possibly empty; the
   *     sample belongs to the first, or to a made-up id when there is none
   * @param now the time to stamp the event with
   * @return the signed request, or empty when the connector cannot make one (e.g. no secret)
   */
  default Optional<WebhookRequest> sample(Setup setup, List<String> resourceIds, Instant now) {
    return Optional.empty();
  }
}
