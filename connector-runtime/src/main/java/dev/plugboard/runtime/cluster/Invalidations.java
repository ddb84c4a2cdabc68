package dev.plugboard.runtime.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells every server instance what changed, so that what they keep in memory (effective setups of
 * webhook targets) is never older than the database for longer than a message takes. Several
 * instances sharing one database form one data grid (Payara Micro's Hazelcast, {@code
 * --clustermode}); an {@link Invalidation} is fired as a CDI event here and published on a grid
 * topic after the change commits, and fired on each other member as it arrives. Without a grid (a
 * single instance) it is fired here only.
 *
 * <p>Topic messages are not acknowledged: a member cut off from the grid misses them. What is kept
 * in memory therefore also expires on its own (see {@code WebhookTargets}), and a delivery whose
 * signature does not match the kept setup is checked again against the database before it is
 * refused.
 */
@ApplicationScoped
public class Invalidations {

  static final String TOPIC = "plugboard.invalidations";
  private static final Logger LOG = Logger.getLogger(Invalidations.class.getName());

  @Inject Event<Invalidation> local;
  @Inject Instance<HazelcastInstance> grid;
  @Resource TransactionSynchronizationRegistry transactions;

  private volatile ITopic<String> topic;
  private volatile UUID listener;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try {
      // Payara Micro started with --nohazelcast (a single instance, see run.sh) still resolves
      // the producer, which then yields null.
      HazelcastInstance hazelcast = grid.isResolvable() ? grid.get() : null;
      if (hazelcast == null) {
        LOG.info("No data grid: changes are announced to this server instance only.");
        return;
      }
      ITopic<String> t = hazelcast.getTopic(TOPIC);
      listener =
          t.addMessageListener(
              message -> {
                // This member fired its own announcements already (see announce).
                if (!message.getPublishingMember().localMember()) {
                  receive(message.getMessageObject());
                }
              });
      topic = t;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "No data grid: changes are announced to this instance only.", e);
    }
  }

  @PreDestroy
  void stop() {
    ITopic<String> t = topic;
    topic = null;
    if (t != null && listener != null) {
      try {
        t.removeMessageListener(listener);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Could not leave the invalidation topic", e);
      }
    }
  }

  /**
   * Announces a change once the current transaction commits (at once when there is none); nothing
   * is announced when it rolls back.
   *
   * @param change what changed
   */
  public void afterCommit(Invalidation change) {
    if (transactions.getTransactionKey() == null) {
      announce(change);
      return;
    }
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              announce(change);
            }
          }
        });
  }

  /**
   * Announces a change that has already committed.
   *
   * @param change what changed
   */
  public void announce(Invalidation change) {
    // Here first, whatever the grid does: this instance must not serve what it just changed.
    local.fire(change);
    ITopic<String> t = topic;
    if (t != null) {
      try {
        t.publish(change.encode());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not announce " + change + " to the other instances", e);
      }
    }
  }

  private void receive(String message) {
    try {
      local.fire(Invalidation.decode(message));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not apply the announced change " + message, e);
    }
  }
}
