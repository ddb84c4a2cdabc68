package dev.plugboard.runtime.credential.control;

import dev.plugboard.connector.Credentials;
import dev.plugboard.connector.GrantedResource;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.connection.entity.ConnectionRemoved;
import dev.plugboard.runtime.credential.entity.AuthorizedResource;
import dev.plugboard.runtime.credential.entity.Credential;
import dev.plugboard.runtime.secret.control.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A connection's credentials, sealed as one value, and the resources they reach, kept apart in
 * plain rows (ids and names only) for routing and display. Callers pass connections they loaded for
 * a tenant, so every read is scoped by tenant.
 */
@ApplicationScoped
public class CredentialStore {

  /** The longest resource id a route can be keyed by. */
  private static final int MAX_ID = 255;

  @Inject EntityManager entityManager;
  @Inject SecretBox secrets;

  /**
   * A connection whose authorization reaches a resource.
   *
   * @param connectionId the connection
   * @param tenantId its tenant
   * @param resourceId the resource
   */
  public record Route(String connectionId, String tenantId, String resourceId) {}

  /**
   * Stores new credentials in place of any earlier ones, with their resources. Runs inside the
   * caller's transaction.
   *
   * @param connection the connection authorized
   * @param credentials what the authorization granted
   */
  public void replace(Connection connection, Credentials credentials) {
    ConnectionId id = connection.id();
    Credential row = entityManager.find(Credential.class, id.value());
    if (row == null) {
      row = new Credential(id);
      row.replace(seal(id, credentials));
      entityManager.persist(row);
    } else {
      row.replace(seal(id, credentials));
    }
    entityManager
        .createQuery("delete from AuthorizedResource r where r.connectionId = :connection")
        .setParameter("connection", id.value())
        .executeUpdate();
    int order = 0;
    for (GrantedResource resource : credentials.resources()) {
      if (resource.id().length() > MAX_ID) {
        continue; // kept in the sealed credentials, but no route can be keyed by it
      }
      entityManager.persist(
          new AuthorizedResource(
              id.value(),
              connection.tenant().value(),
              connection.connectorId(),
              resource.id(),
              resource.name(),
              order++));
    }
  }

  /**
   * @param connection a connection
   * @return its credentials, opened; empty before its first authorization
   */
  public Optional<Credentials> find(Connection connection) {
    ConnectionId id = connection.id();
    return Optional.ofNullable(entityManager.find(Credential.class, id.value()))
        .map(row -> CredentialCodec.read(secrets.open(row.sealed(), Credential.owner(id))));
  }

  /**
   * @param connection a connection
   * @return when it was last authorized
   */
  public Optional<Instant> authorizedAt(Connection connection) {
    return Optional.ofNullable(entityManager.find(Credential.class, connection.id().value()))
        .map(Credential::createdAt);
  }

  /**
   * @param connection a connection
   * @return the resources its authorization reaches, in the order the provider listed them
   */
  public List<AuthorizedResource> resources(Connection connection) {
    return entityManager
        .createQuery(
            "select r from AuthorizedResource r where r.connectionId = :connection"
                + " and r.tenantId = :tenant order by r.sortOrder",
            AuthorizedResource.class)
        .setParameter("connection", connection.id().value())
        .setParameter("tenant", connection.tenant().value())
        .getResultList();
  }

  /**
   * Which connections, across tenants, were authorized for some resources of a connector: how a
   * shared app's deliveries find their connections.
   *
   * @param connectorId the connector
   * @param resourceIds resource ids, e.g. Page ids
   * @return one route per connection and resource
   */
  public List<Route> routes(String connectorId, Collection<String> resourceIds) {
    if (resourceIds.isEmpty()) {
      return List.of();
    }
    return entityManager
        .createQuery(
            "select r from AuthorizedResource r where r.connectorId = :connector"
                + " and r.resourceId in :ids",
            AuthorizedResource.class)
        .setParameter("connector", connectorId)
        .setParameter("ids", resourceIds)
        .getResultList()
        .stream()
        .map(r -> new Route(r.connectionId(), r.tenantId(), r.resourceId()))
        .toList();
  }

  void wipe(@Observes ConnectionRemoved removed) {
    String id = removed.connection().value();
    entityManager
        .createQuery("delete from AuthorizedResource r where r.connectionId = :connection")
        .setParameter("connection", id)
        .executeUpdate();
    entityManager
        .createQuery("delete from Credential c where c.connectionId = :connection")
        .setParameter("connection", id)
        .executeUpdate();
  }

  private dev.plugboard.runtime.secret.entity.Sealed seal(
      ConnectionId id, Credentials credentials) {
    return secrets.seal(CredentialCodec.write(credentials), Credential.owner(id));
  }
}
