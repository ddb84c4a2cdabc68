package dev.plugboard.runtime.event.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Keeps event ids in commit order. Events are read back with a cursor ({@code ?after=} the last id
 * seen), so an event must never commit with an id smaller than one a reader may already have seen.
 * Ids come from an identity column, taken when a row is inserted, and transactions commit in any
 * order: on their own, a batch on one server instance could take ids 100–163, another instance's
 * batch 164–200 and commit first, and a reader in between would page past 100–163 for good.
 *
 * <p>So every transaction that stores events locks one row ({@code event_commit_order}, created by
 * the V6 migration) before its first insert, and holds it until it commits or rolls back: the next
 * one takes its ids only after that, on every instance sharing the database. The cost is one
 * statement per transaction (on PostgreSQL the group-committing writer takes the lock within its
 * insert statement instead, {@link EventWriter}) and that such transactions run one at a time; the
 * writer runs them one at a time on each instance anyway.
 */
public final class EventOrder {

  /** Locks the row; run in the transaction, before its first event insert. */
  public static final String LOCK = "select id from event_commit_order where id = 1 for update";

  /** Why storing fails when the lock row is missing. */
  static final String MISSING = "The event_commit_order row is missing: run the V6 migration.";

  private EventOrder() {}

  /**
   * Takes the lock in a transaction of a plain JDBC connection (auto-commit off); it is held until
   * that transaction ends.
   *
   * @param c the connection
   * @throws SQLException when the database fails, or the row is missing (not migrated)
   */
  public static void lock(Connection c) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement(LOCK);
        ResultSet row = lock.executeQuery()) {
      if (!row.next()) {
        throw new SQLException(MISSING);
      }
    }
  }
}
