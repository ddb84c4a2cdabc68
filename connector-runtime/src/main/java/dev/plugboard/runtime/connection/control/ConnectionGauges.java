package dev.plugboard.runtime.connection.control;

import dev.plugboard.runtime.connection.entity.ConnectionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Publishes {@code plugboard_connections{status=…}}: how many connections are in each status.
 * Counted with one query, at most every few seconds however often the metrics are scraped.
 */
@ApplicationScoped
public class ConnectionGauges {

  private static final Duration FRESH_FOR = Duration.ofSeconds(5);

  @Inject ConnectionStore store;
  @Inject MetricRegistry metrics;

  private Map<ConnectionStatus, Long> counts = Map.of();
  private long countedAt;

  void register(@Observes Startup startup) {
    Metadata metadata =
        Metadata.builder()
            .withName("plugboard.connections")
            .withDescription("Connections by status, across tenants")
            .build();
    for (ConnectionStatus status : ConnectionStatus.values()) {
      metrics.gauge(metadata, this, g -> g.count(status), new Tag("status", status.name()));
    }
  }

  synchronized long count(ConnectionStatus status) {
    long now = System.nanoTime();
    if (counts.isEmpty() || now - countedAt > FRESH_FOR.toNanos()) {
      counts = store.countByStatus();
      countedAt = now;
    }
    return counts.getOrDefault(status, 0L);
  }
}
