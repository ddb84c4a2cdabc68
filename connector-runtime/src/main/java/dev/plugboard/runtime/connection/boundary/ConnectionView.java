package dev.plugboard.runtime.connection.boundary;

import dev.plugboard.runtime.connection.entity.ConnectionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A connection as the API shows it.
 *
 * @param id the connection's id
 * @param tenantId its tenant
 * @param connectorId its connector
 * @param name its name
 * @param description what it is for, or {@code null}
 * @param status where it stands
 * @param statusReason what to do about the status, or {@code null}
 * @param setup the tenant's values: plain ones as text or {@code null}, secrets as {@code {"set":
 *     true|false}}
 * @param inherited values in effect where the tenant set none: the operator's (secrets as {@code
 *     {"set": true}}) or the connector's defaults
 * @param webhookUrl where the provider sends this connection's webhooks
 * @param redirectUri the OAuth 2 redirect URI to register with the provider
 * @param version changes with every change, sent as ETag; send it back in If-Match
 * @param createdAt when it was installed
 * @param updatedAt when it last changed
 * @param resources what its authorization reaches (e.g. Pages), in the provider's order; empty
 *     before it is authorized
 * @param authorizedAt when it was last authorized, or {@code null}
 */
public record ConnectionView(
    String id,
    String tenantId,
    String connectorId,
    String name,
    String description,
    ConnectionStatus status,
    String statusReason,
    Map<String, Object> setup,
    Map<String, Object> inherited,
    String webhookUrl,
    String redirectUri,
    long version,
    Instant createdAt,
    Instant updatedAt,
    List<ResourceView> resources,
    Instant authorizedAt) {

  /**
   * A resource the connection's authorization reaches; its tokens are never shown.
   *
   * @param id the provider's id, e.g. a Page id
   * @param name its name
   */
  public record ResourceView(String id, String name) {}
}
