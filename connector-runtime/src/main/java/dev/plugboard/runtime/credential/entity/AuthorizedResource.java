package dev.plugboard.runtime.credential.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A resource a connection's authorization reaches (for Messenger, a Page), without its tokens: what
 * shared-app webhook deliveries are routed by and what the connection shows. Ids and names are not
 * secret.
 */
@Entity
@Table(name = "granted_resource")
@IdClass(AuthorizedResource.Key.class)
public class AuthorizedResource {

  /**
   * The primary key.
   *
   * @param connectionId the connection
   * @param resourceId the provider's id of the resource
   */
  public record Key(String connectionId, String resourceId) {}

  /** The longest name kept; longer ones are cut. */
  public static final int MAX_NAME = 500;

  @Id
  @Column(name = "connection_id")
  private String connectionId;

  @Id
  @Column(name = "resource_id")
  private String resourceId;

  @Column(name = "tenant_id", nullable = false)
  private String tenantId;

  @Column(name = "connector_id", nullable = false)
  private String connectorId;

  @Column(nullable = false)
  private String name;

  @Column(name = "sort_order", nullable = false)
  private int sortOrder;

  protected AuthorizedResource() {}

  public AuthorizedResource(
      String connectionId,
      String tenantId,
      String connectorId,
      String resourceId,
      String name,
      int sortOrder) {
    this.connectionId = connectionId;
    this.tenantId = tenantId;
    this.connectorId = connectorId;
    this.resourceId = resourceId;
    this.name = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    this.sortOrder = sortOrder;
  }

  public String connectionId() {
    return connectionId;
  }

  public String tenantId() {
    return tenantId;
  }

  public String resourceId() {
    return resourceId;
  }

  public String name() {
    return name;
  }
}
