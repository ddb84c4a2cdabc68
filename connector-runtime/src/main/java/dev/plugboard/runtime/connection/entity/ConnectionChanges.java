package dev.plugboard.runtime.connection.entity;

import dev.plugboard.runtime.cluster.Invalidation;
import dev.plugboard.runtime.cluster.Invalidations;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Announces every change of a connection's row (and so of its setup, whose changes move the row's
 * version on) and its deletion to all server instances once the transaction commits: they keep
 * webhook targets in memory.
 */
public class ConnectionChanges {

  @PostUpdate
  @PostRemove
  void changed(Connection connection) {
    CDI.current()
        .select(Invalidations.class)
        .get()
        .afterCommit(new Invalidation(Invalidation.CONNECTION, connection.id().value()));
  }
}
