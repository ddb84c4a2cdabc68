package dev.plugboard.runtime.event.control;

import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionRemoved;
import dev.plugboard.runtime.credential.control.CredentialStore;
import dev.plugboard.runtime.event.entity.EventData;
import dev.plugboard.runtime.event.entity.ReceivedEvent;
import dev.plugboard.runtime.event.entity.UnmatchedEvent;
import dev.plugboard.runtime.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores the events of shared-app deliveries, each at most once per connection (or, unmatched, once
 * per connector), and reads webhook events back in the order they were stored. Deliveries to a
 * connection's own URL are stored by {@link EventWriter}. {@link #route} is one transaction: a
 * delivery is acknowledged only after it committed. A concurrent duplicate makes the commit fail on
 * the unique constraint; the caller then runs the method again, and the second run skips it.
 */
@ApplicationScoped
public class EventStore {

  @Inject EntityManager entityManager;
  @Inject CredentialStore credentials;

  /**
   * Which connection events are stored for.
   *
   * @param connectionId the connection
   * @param tenantId its tenant
   */
  public record Target(String connectionId, String tenantId) {}

  /**
   * What happened to a delivery's events.
   *
   * @param events how many it held (repeats within it counted once)
   * @param stored how many rows were written (a duplicate writes none; an event routed to two
   *     connections writes two)
   * @param unmatched how many found no connection (shared app only)
   */
  public record Stored(int events, int stored, int unmatched) {}

  /**
   * Stores the events of a delivery to a connector's shared-app URL for every connection authorized
   * for their routing key (several tenants may have authorized the same Page), and keeps those that
   * match none aside.
   *
   * @param connectorId the connector
   * @param events the delivery's events
   * @param receivedAt when the delivery arrived
   * @return what was stored
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Stored route(String connectorId, List<EventData> events, Instant receivedAt) {
    Map<String, EventData> byId = distinct(events);
    Set<String> keys = new HashSet<>();
    byId.values().forEach(e -> e.routingKey().ifPresent(keys::add));
    Map<String, List<CredentialStore.Route>> routes = new LinkedHashMap<>();
    for (CredentialStore.Route route : credentials.routes(connectorId, keys)) {
      routes.computeIfAbsent(route.resourceId(), k -> new ArrayList<>()).add(route);
    }
    Set<String> connections = new HashSet<>();
    routes.values().forEach(list -> list.forEach(r -> connections.add(r.connectionId())));
    Map<String, Set<String>> known = existing(connections, byId.keySet());
    // From here to the commit, no other transaction stores events: ids in commit order.
    entityManager.createNativeQuery(EventOrder.LOCK).getResultList();

    int stored = 0;
    List<EventData> unmatched = new ArrayList<>();
    for (EventData event : byId.values()) {
      List<CredentialStore.Route> to =
          event.routingKey().map(k -> routes.getOrDefault(k, List.of())).orElse(List.of());
      if (to.isEmpty()) {
        unmatched.add(event);
        continue;
      }
      for (CredentialStore.Route route : to) {
        Set<String> seen = known.get(route.connectionId());
        if (seen == null || !seen.contains(event.externalId())) {
          entityManager.persist(
              new ReceivedEvent(route.connectionId(), route.tenantId(), event, receivedAt));
          stored++;
        }
      }
    }
    for (EventData event : unmatched) {
      if (!keptAside(connectorId, event.externalId())) {
        entityManager.persist(new UnmatchedEvent(connectorId, event, receivedAt));
        stored++;
      }
    }
    return new Stored(byId.size(), stored, unmatched.size());
  }

  /**
   * @param connection a connection, as loaded for its tenant
   * @param afterId the id of the last event of the previous page, or 0
   * @param limit how many at most
   * @return the connection's events after that one, oldest first
   */
  public Page<ReceivedEvent> page(Connection connection, long afterId, int limit) {
    TypedQuery<ReceivedEvent> query =
        entityManager
            .createQuery(
                "select e from ReceivedEvent e where e.connectionId = :connection"
                    + " and e.tenantId = :tenant and e.id > :after order by e.connectionId, e.id",
                ReceivedEvent.class)
            .setParameter("connection", connection.id().value())
            .setParameter("tenant", connection.tenant().value())
            .setParameter("after", afterId);
    return cut(query.setMaxResults(limit + 1).getResultList(), limit, ReceivedEvent::id);
  }

  /**
   * @param connectorId a connector
   * @param afterId the id of the last event of the previous page, or 0
   * @param limit how many at most
   * @return the connector's unmatched shared-app events after that one, oldest first
   */
  public Page<UnmatchedEvent> unmatched(String connectorId, long afterId, int limit) {
    TypedQuery<UnmatchedEvent> query =
        entityManager
            .createQuery(
                "select u from UnmatchedEvent u where u.connectorId = :connector"
                    + " and u.id > :after order by u.connectorId, u.id",
                UnmatchedEvent.class)
            .setParameter("connector", connectorId)
            .setParameter("after", afterId);
    return cut(query.setMaxResults(limit + 1).getResultList(), limit, UnmatchedEvent::id);
  }

  void wipe(@Observes ConnectionRemoved removed) {
    entityManager
        .createQuery("delete from ReceivedEvent e where e.connectionId = :connection")
        .setParameter("connection", removed.connection().value())
        .executeUpdate();
  }

  /**
   * Which of these external ids each connection already holds, each looked up alone: an equality on
   * both columns of the unique index. (H2 answers {@code connection_id = ? and external_id in
   * (...)} by reading every event of the connection.)
   */
  private Map<String, Set<String>> existing(
      Collection<String> connectionIds, Collection<String> externalIds) {
    Map<String, Set<String>> known = new LinkedHashMap<>();
    for (String connectionId : connectionIds) {
      for (String externalId : externalIds) {
        boolean held =
            !entityManager
                .createQuery(
                    "select e.id from ReceivedEvent e"
                        + " where e.connectionId = :connection and e.externalId = :id",
                    Long.class)
                .setParameter("connection", connectionId)
                .setParameter("id", externalId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
        if (held) {
          known.computeIfAbsent(connectionId, k -> new HashSet<>()).add(externalId);
        }
      }
    }
    return known;
  }

  private boolean keptAside(String connectorId, String externalId) {
    return !entityManager
        .createQuery(
            "select u.id from UnmatchedEvent u"
                + " where u.connectorId = :connector and u.externalId = :id",
            Long.class)
        .setParameter("connector", connectorId)
        .setParameter("id", externalId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /**
   * @param events a delivery's events
   * @return them by external id, the first of each id only, in their order
   */
  static Map<String, EventData> distinct(List<EventData> events) {
    Map<String, EventData> byId = new LinkedHashMap<>();
    events.forEach(e -> byId.putIfAbsent(e.externalId(), e));
    return byId;
  }

  private static <T> Page<T> cut(List<T> rows, int limit, java.util.function.ToLongFunction<T> id) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, limit);
    return new Page<>(items, EventCursor.encode(id.applyAsLong(items.get(limit - 1))));
  }
}
