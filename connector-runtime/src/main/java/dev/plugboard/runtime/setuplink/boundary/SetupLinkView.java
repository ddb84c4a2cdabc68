package dev.plugboard.runtime.setuplink.boundary;

import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.Icon;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.runtime.catalog.boundary.ConnectorView.FieldView;
import dev.plugboard.runtime.connection.boundary.ConnectionView;
import dev.plugboard.runtime.connection.entity.ConnectionStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a setup link shows whoever opens it: the one connection and its connector, limited to what a
 * tenant may set. No ids of the tenant, no operator-only fields, no secret values.
 *
 * @param connection the connection to set up
 * @param connector its connector
 * @param expiresAt when the link stops working
 */
public record SetupLinkView(ConnectionPart connection, ConnectorPart connector, Instant expiresAt) {

  /**
   * The connection, as far as the link shows it.
   *
   * @param id its id
   * @param name its name
   * @param status where it stands
   * @param statusReason what is missing, or {@code null}
   * @param setup the tenant-level values: plain ones as text or {@code null}, secrets as {@code
   *     {"set": true|false}}
   * @param inherited values in effect for tenant-level fields where none is set (secrets as {@code
   *     {"set": true}})
   * @param version send it back in If-Match
   * @param webhookUrl where the provider sends this connection's webhooks
   * @param redirectUri the OAuth 2 redirect URI
   */
  public record ConnectionPart(
      String id,
      String name,
      ConnectionStatus status,
      String statusReason,
      Map<String, Object> setup,
      Map<String, Object> inherited,
      long version,
      String webhookUrl,
      String redirectUri) {}

  /**
   * The connector, as far as the link shows it.
   *
   * @param id its id
   * @param name its name
   * @param iconUrl its icon as a data URI, or {@code null}
   * @param description what it does
   * @param authorization {@code oauth2}, {@code api-key} or {@code none}
   * @param authFields the fields a tenant may set, in display order
   */
  public record ConnectorPart(
      String id,
      String name,
      String iconUrl,
      String description,
      String authorization,
      List<FieldView> authFields) {}

  /**
   * @param connection the connection as the API shows it to its tenant (secrets already masked)
   * @param descriptor its connector's descriptor
   * @param expiresAt the link's expiry
   * @return what the link shows
   */
  public static SetupLinkView of(
      ConnectionView connection, ConnectorDescriptor descriptor, Instant expiresAt) {
    List<Field> tenantFields =
        descriptor.authFields().stream().filter(f -> f.level().tenantMaySet()).toList();
    Set<String> keys = tenantFields.stream().map(Field::key).collect(Collectors.toSet());
    return new SetupLinkView(
        new ConnectionPart(
            connection.id(),
            connection.name(),
            connection.status(),
            connection.statusReason(),
            only(keys, connection.setup()),
            only(keys, connection.inherited()),
            connection.version(),
            connection.webhookUrl(),
            connection.redirectUri()),
        new ConnectorPart(
            descriptor.id(),
            descriptor.name(),
            descriptor.icon().map(Icon::dataUri).orElse(null),
            descriptor.description(),
            descriptor.authorization().kind(),
            tenantFields.stream().map(FieldView::of).toList()),
        expiresAt);
  }

  private static Map<String, Object> only(Set<String> keys, Map<String, Object> values) {
    Map<String, Object> kept = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (keys.contains(key)) {
            kept.put(key, value);
          }
        });
    return kept;
  }
}
