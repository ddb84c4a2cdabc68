package dev.plugboard.runtime.connection.control;

import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.connection.entity.ConnectionRemoved;
import dev.plugboard.runtime.connection.entity.ConnectionStatus;
import dev.plugboard.runtime.connection.entity.SetupValue;
import dev.plugboard.runtime.paging.Cursor;
import dev.plugboard.runtime.paging.Keyset;
import dev.plugboard.runtime.paging.Page;
import dev.plugboard.runtime.paging.PageRequest;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Connection rows and what hangs off them. Every lookup is scoped by tenant. */
@ApplicationScoped
public class ConnectionStore {

  @Inject EntityManager entityManager;
  @Inject Event<ConnectionRemoved> removed;

  /**
   * @param tenant the tenant asking
   * @param id a connection id
   * @return the connection, only when it belongs to that tenant
   */
  public Optional<Connection> find(TenantId tenant, ConnectionId id) {
    return entityManager
        .createQuery(
            "select c from Connection c where c.id = :id and c.tenantId = :tenant",
            Connection.class)
        .setParameter("id", id.value())
        .setParameter("tenant", tenant.value())
        .getResultStream()
        .findFirst();
  }

  /**
   * @param tenant a tenant
   * @param request the page
   * @return the tenant's connections, oldest first
   */
  public Page<Connection> page(TenantId tenant, PageRequest request) {
    // The tenant is in the order too: so H2 reads the page index in order rather than the tenant
    // column's own index (as PostgreSQL does anyway).
    return Keyset.page(
        entityManager
            .createQuery(
                "select c from Connection c where c.tenantId = :tenant and "
                    + Keyset.after("c.createdAt", "c.id")
                    + " order by c.tenantId, c.createdAt, c.id",
                Connection.class)
            .setParameter("tenant", tenant.value()),
        request,
        c -> new Cursor(c.createdAt(), c.id().value()));
  }

  /**
   * @param tenant a tenant
   * @return all its connections
   */
  public List<Connection> all(TenantId tenant) {
    return entityManager
        .createQuery("select c from Connection c where c.tenantId = :tenant", Connection.class)
        .setParameter("tenant", tenant.value())
        .getResultList();
  }

  /**
   * @param connection a connection
   * @return the tenant's stored setup values of it
   */
  public List<SetupValue> setupValues(Connection connection) {
    return entityManager
        .createQuery(
            "select v from SetupValue v where v.connectionId = :connection", SetupValue.class)
        .setParameter("connection", connection.id().value())
        .getResultList();
  }

  /**
   * @param connection a connection
   * @return whether an authorization granted it credentials
   */
  public boolean hasCredentials(Connection connection) {
    // Credentials are written by the OAuth callback (credential package); here they are counted.
    Number count =
        (Number)
            entityManager
                .createNativeQuery("select count(*) from credential where connection_id = ?1")
                .setParameter(1, connection.id().value())
                .getSingleResult();
    return count.longValue() > 0;
  }

  /**
   * Deletes a connection with its setup values; the features that keep more of it (credentials,
   * events, OAuth states) delete theirs when {@link ConnectionRemoved} fires.
   *
   * @param connection the connection
   */
  public void delete(Connection connection) {
    String id = connection.id().value();
    removed.fire(new ConnectionRemoved(connection.id()));
    entityManager
        .createQuery("delete from SetupValue v where v.connectionId = :connection")
        .setParameter("connection", id)
        .executeUpdate();
    entityManager.remove(connection);
  }

  /**
   * @param webhookKey a webhook key from a URL
   * @return the connection it belongs to, whichever tenant's
   */
  public Optional<Connection> findByWebhookKey(String webhookKey) {
    return entityManager
        .createQuery("select c from Connection c where c.webhookKey = :key", Connection.class)
        .setParameter("key", webhookKey)
        .getResultStream()
        .findFirst();
  }

  /**
   * @return how many connections are in each status, across tenants
   */
  public Map<ConnectionStatus, Long> countByStatus() {
    Map<ConnectionStatus, Long> counts = new EnumMap<>(ConnectionStatus.class);
    for (ConnectionStatus s : ConnectionStatus.values()) {
      counts.put(s, 0L);
    }
    entityManager
        .createQuery(
            "select c.status, count(c) from Connection c group by c.status", Object[].class)
        .getResultList()
        .forEach(row -> counts.put((ConnectionStatus) row[0], (Long) row[1]));
    return counts;
  }
}
