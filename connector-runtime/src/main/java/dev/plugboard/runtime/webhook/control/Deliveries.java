package dev.plugboard.runtime.webhook.control;

import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.runtime.event.control.EventStore;
import dev.plugboard.runtime.event.control.EventWriter;
import dev.plugboard.runtime.event.entity.EventData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Stores the events of a verified delivery, all of them in one transaction: only once it has
 * committed may the delivery be acknowledged. The same event delivered twice, even at the same
 * moment to two server instances, is stored once. Deliveries to a connection's URL go to the
 * group-committing {@link EventWriter}; those to a shared app, which are routed by what the
 * database holds, are each a transaction of their own, run again once when a concurrent duplicate
 * trips the unique constraint (the repeat skips it).
 */
@ApplicationScoped
public class Deliveries {

  @Inject EventStore events;
  @Inject EventWriter writer;

  /**
   * @param target the connection or shared app whose URL the delivery came to
   * @param split the delivery's events
   * @return completed with what was stored once the transaction holding the events has committed,
   *     or failed (the delivery must then not be acknowledged; this method does not throw); a
   *     delivery to a connection is completed by the event writer's thread, one to a shared app
   *     before this returns
   */
  public CompletableFuture<EventStore.Stored> store(
      WebhookTargets.Target target, List<WebhookEvent> split) {
    try {
      List<EventData> data = split.stream().map(EventData::of).toList();
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      if (target instanceof WebhookTargets.ConnectionTarget connection) {
        return writer.submit(connection.store(), data, now);
      }
      String connectorId = ((WebhookTargets.SharedTarget) target).connector().descriptor().id();
      return CompletableFuture.completedFuture(
          onceMore(() -> events.route(connectorId, data, now)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static EventStore.Stored onceMore(Supplier<EventStore.Stored> transaction) {
    try {
      return transaction.get();
    } catch (RuntimeException e) {
      if (!EventWriter.isDuplicate(e)) {
        throw e;
      }
      return transaction.get();
    }
  }
}
