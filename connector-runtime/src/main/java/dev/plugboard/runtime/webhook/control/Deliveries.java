package dev.plugboard.runtime.webhook.control;

import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.runtime.event.control.EventStore;
import dev.plugboard.runtime.event.entity.EventData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * Stores the events of a verified delivery, all of them in one transaction that has committed when
 * this returns: only then may the delivery be acknowledged. The same event delivered twice, even at
 * the same moment to two server instances, is stored once: when a concurrent duplicate trips the
 * unique constraint, the whole transaction is run again once, and then skips it.
 */
@ApplicationScoped
public class Deliveries {

  @Inject EventStore events;

  /**
   * @param target the connection or shared app whose URL the delivery came to
   * @param split the delivery's events
   * @return what was stored
   */
  public EventStore.Stored store(WebhookTargets.Target target, List<WebhookEvent> split) {
    List<EventData> data = split.stream().map(EventData::of).toList();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    if (target instanceof WebhookTargets.ConnectionTarget connection) {
      return onceMore(() -> events.store(connection.store(), data, now));
    }
    String connectorId = ((WebhookTargets.SharedTarget) target).connector().descriptor().id();
    return onceMore(() -> events.route(connectorId, data, now));
  }

  private static EventStore.Stored onceMore(Supplier<EventStore.Stored> transaction) {
    try {
      return transaction.get();
    } catch (RuntimeException e) {
      if (!isDuplicate(e)) {
        throw e;
      }
      return transaction.get();
    }
  }

  /** A unique-constraint violation (SQLSTATE 23505 on both databases), however wrapped. */
  static boolean isDuplicate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
