package dev.plugboard.runtime.plugin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many connections, across tenants, each connector has: what removing a plugin would strand.
 */
@ApplicationScoped
public class ConnectorUsage {

  @Inject EntityManager entityManager;

  /**
   * @param connectorIds connector ids
   * @return the connectors among them that have connections, with how many
   */
  @Transactional
  public Map<String, Long> connections(Collection<String> connectorIds) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (connectorIds.isEmpty()) {
      return counts;
    }
    entityManager
        .createQuery(
            "select c.connectorId, count(c) from Connection c where c.connectorId in :ids"
                + " group by c.connectorId order by c.connectorId",
            Object[].class)
        .setParameter("ids", connectorIds)
        .getResultList()
        .forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
    return counts;
  }
}
