package dev.plugboard.runtime.event.control;

import dev.plugboard.runtime.event.entity.EventData;
import dev.plugboard.runtime.persistence.Database;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Stores the events of webhook deliveries to connections with group commit: one writer thread takes
 * every delivery waiting and stores all their events in one transaction, one insert and one commit
 * (H2: a JDBC batch; PostgreSQL: one statement over arrays that also takes the lock below and
 * commits, one round trip and one fsync), while the next deliveries queue up. The future {@link
 * #submit} returns completes once the transaction holding the delivery's events has committed, so a
 * delivery is acknowledged only when its events are durable, and a delivery that fails is not
 * acknowledged and is sent again. Nothing waits for the writer meanwhile (the webhook servlet
 * answers asynchronously): up to {@link #MAX_WAITING} deliveries may queue.
 *
 * <p>Each batch's transaction takes {@link EventOrder}'s lock first, so event ids follow commit
 * order also when another instance, or a shared-app delivery, stores events at the same time.
 *
 * <p>An event is stored once per connection ({@code (connection_id, external_id)} is unique): the
 * writer leaves out events already stored and repeats within the batch (PostgreSQL skips stored
 * ones in the insert itself). Since every transaction storing events holds the lock, the H2 lookup
 * made under it sees whatever another one stored; only a writer that does not take the lock (a
 * server of an earlier version during an upgrade) can still commit the same event at the same
 * moment, which makes the H2 commit fail on the unique constraint: the batch is then written again
 * delivery by delivery, and the repeat finds the event stored. A delivery that cannot be stored at
 * all (its connection was just deleted) fails alone.
 */
@ApplicationScoped
public class EventWriter {

  /** Deliveries written in one transaction at most. */
  static final int MAX_BATCH = 256;

  /** Deliveries that may wait for the writer; beyond, a delivery is refused (and sent again). */
  static final int MAX_WAITING = 4_096;

  /**
   * Committed batches that may wait for the answering thread; beyond, the writer answers the
   * deliveries of a batch itself before it starts the next.
   */
  static final int MAX_UNANSWERED = 64;

  /** How long a delivery waits for its commit; then it is answered as not stored. */
  static final Duration WAIT = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(EventWriter.class.getName());
  private static final String COLUMNS =
      "webhook_event (connection_id, tenant_id, kind, external_id, routing_key, received_at,"
          + " occurred_at, payload)";
  private static final int COLUMN_COUNT = 8;
  private static final String INSERT =
      "insert into " + COLUMNS + " values (?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * PostgreSQL: the whole batch as one statement, run on its own (auto-commit), so that taking the
   * {@link EventOrder} lock, the insert and the commit are one round trip to the database. The
   * insert reads one array per column, skips stored events and names the ones it inserted (a JDBC
   * batch of single-row inserts costs PostgreSQL a bind and an execution per row; this took it
   * about a fifth less CPU per event, bench/RESULTS.md).
   *
   * <p>The rows to insert are joined to the locked {@code event_commit_order} row, so no row (and
   * no id) exists before the lock is held, and the statement returns one row of nulls for the lock
   * row besides the inserted events: without it (the row missing) nothing was inserted, and the
   * batch fails rather than being acknowledged as all duplicates.
   */
  private static final String STORE_ARRAYS =
      "with event_order as materialized ("
          + EventOrder.LOCK
          + "), inserted as (insert into "
          + COLUMNS
          + " select e.* from event_order, unnest(?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[]) e"
          + " on conflict do nothing returning connection_id, external_id)"
          + " select connection_id, external_id from inserted"
          + " union all select null, null from event_order";

  @Resource(lookup = Database.DATA_SOURCE)
  DataSource dataSource;

  @Resource ManagedThreadFactory threads;

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_WAITING);
  private final Object lifecycle = new Object();
  private volatile Thread writer; // read without the lock on every delivery
  private Thread answerer; // guarded by lifecycle
  private final BlockingQueue<Runnable> answers = new LinkedBlockingQueue<>(MAX_UNANSWERED);
  private volatile boolean stopping;
  private volatile Boolean postgres;

  /** A delivery waiting for its commit. */
  private record Pending(
      EventStore.Target target,
      Collection<EventData> events,
      Instant receivedAt,
      CompletableFuture<EventStore.Stored> done) {}

  /** The writer could not take or commit a delivery in time, or is stopping. */
  public static class NotStored extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotStored(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Hands the events of one delivery to a connection's webhook URL to the writer, without waiting.
   *
   * @param target the connection
   * @param events the delivery's events
   * @param receivedAt when the delivery arrived
   * @return completed with what was stored once the transaction holding the events has committed
   *     (on a thread of the writer's: what depends on it must not block), or failed with {@link
   *     NotStored} when they are not known to be committed (too many deliveries waiting, the server
   *     stopping, no commit within {@link #WAIT}) or with what failed: then the delivery must not
   *     be acknowledged
   */
  public CompletableFuture<EventStore.Stored> submit(
      EventStore.Target target, List<EventData> events, Instant receivedAt) {
    Map<String, EventData> byId = EventStore.distinct(events);
    if (byId.isEmpty()) {
      return CompletableFuture.completedFuture(new EventStore.Stored(0, 0, 0));
    }
    CompletableFuture<EventStore.Stored> done = new CompletableFuture<>();
    start();
    if (stopping) {
      done.completeExceptionally(new NotStored("The server is stopping.", null));
    } else if (!queue.offer(new Pending(target, List.copyOf(byId.values()), receivedAt, done))) {
      done.completeExceptionally(
          new NotStored(
              "Too many deliveries (" + MAX_WAITING + ") are waiting to be stored.", null));
    } else {
      // Also answers one offered while the server stopped, after the queue was drained.
      done.completeOnTimeout(null, WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
    return done.thenApply(
        stored -> {
          if (stored == null) {
            throw new NotStored(
                "The delivery was not stored within " + WAIT.toSeconds() + " s.", null);
          }
          return stored;
        });
  }

  /**
   * Stores the events of one delivery to a connection's webhook URL, and returns once they are
   * committed: {@link #submit}, waiting for its outcome.
   *
   * @param target the connection
   * @param events the delivery's events
   * @param receivedAt when the delivery arrived
   * @return what was stored
   * @throws NotStored when the events are not known to be committed: the delivery must not be
   *     acknowledged
   */
  public EventStore.Stored store(
      EventStore.Target target, List<EventData> events, Instant receivedAt) {
    try {
      return submit(target, events, receivedAt).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotStored("Interrupted while the delivery was stored.", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof NotStored notStored
          ? notStored
          : new NotStored("The delivery could not be stored.", e.getCause());
    }
  }

  /**
   * @return the deliveries waiting for the writer to take them into a batch
   */
  int waiting() {
    return queue.size();
  }

  private void start() {
    if (writer != null) {
      return;
    }
    synchronized (lifecycle) {
      if (writer == null && !stopping) {
        Thread a = threads.newThread(this::answer);
        a.setName("plugboard-event-answers");
        a.start();
        answerer = a;
        Thread t = threads.newThread(this::run);
        t.setName("plugboard-event-writer");
        t.start();
        writer = t;
      }
    }
  }

  @PreDestroy
  void stop() {
    Thread t;
    Thread a;
    synchronized (lifecycle) {
      stopping = true;
      t = writer;
      a = answerer;
    }
    try {
      if (t != null) {
        t.join(WAIT.toMillis()); // lets the batch being written commit
      }
      if (a != null) {
        a.join(WAIT.toMillis()); // and its deliveries be answered
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(
        p -> p.done().completeExceptionally(new IllegalStateException("The server is stopping.")));
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (!stopping) {
      try {
        Pending first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        break;
      } catch (Throwable e) { // the writer must outlive any failure; its batch is not acknowledged
        LOG.log(Level.SEVERE, "The event writer failed on a batch of " + batch.size(), e);
        batch.forEach(p -> p.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * Answers the deliveries of committed batches (completes their futures, and so runs what depends
   * on them: the webhook servlet's answers), so that the writer starts the next batch at once; on
   * two cores the answers of one batch are written while the next one's insert and commit run.
   */
  private void answer() {
    while (true) {
      Runnable next;
      try {
        next = answers.poll(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (next != null) {
        try {
          next.run();
        } catch (Throwable e) { // must outlive any failure, as the writer does
          LOG.log(Level.SEVERE, "Answering a committed batch failed", e);
        }
      } else if (stopping && (writer == null || !writer.isAlive())) {
        break;
      }
    }
  }

  /** Writes a batch; when it fails as a whole, each delivery alone, so one cannot fail others. */
  private void write(List<Pending> batch) {
    try {
      commit(batch);
    } catch (SQLException | RuntimeException failure) {
      if (batch.size() > 1) {
        LOG.log(Level.FINE, "A batch of " + batch.size() + " failed; writing each alone", failure);
        batch.forEach(p -> write(List.of(p)));
      } else if (isDuplicate(failure)) {
        // Stored by another instance meanwhile: once more, and the event is found stored.
        try {
          commit(batch);
        } catch (SQLException | RuntimeException again) {
          batch.get(0).done().completeExceptionally(again);
        }
      } else {
        batch.get(0).done().completeExceptionally(failure);
      }
    }
  }

  private void commit(List<Pending> batch) throws SQLException {
    int[] stored;
    try (Connection c = dataSource.getConnection()) {
      stored = isPostgres(c) ? storeArrays(c, batch) : storeInTransaction(c, batch);
    }
    List<Pending> committed = List.copyOf(batch); // the writer reuses its list
    Runnable answer =
        () -> {
          for (int i = 0; i < committed.size(); i++) {
            Pending p = committed.get(i);
            p.done().complete(new EventStore.Stored(p.events().size(), stored[i], 0));
          }
        };
    if (!answers.offer(answer)) {
      answer.run();
    }
  }

  /**
   * H2: in one transaction, takes the {@link EventOrder} lock, looks each event up, inserts the new
   * ones in one JDBC batch and commits; returns how many rows each delivery wrote.
   */
  private static int[] storeInTransaction(Connection c, List<Pending> batch) throws SQLException {
    c.setAutoCommit(false);
    try {
      EventOrder.lock(c); // ids in commit order, across instances too
      int[] stored = insertEach(c, batch);
      c.commit();
      return stored;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static int[] insertEach(Connection c, List<Pending> batch) throws SQLException {
    Set<String> known = existing(c, batch);
    int[] stored = new int[batch.size()];
    List<Integer> rows = new ArrayList<>(); // the delivery of each row in the JDBC batch
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      for (int i = 0; i < batch.size(); i++) {
        Pending p = batch.get(i);
        for (EventData e : p.events()) {
          if (known.add(key(p.target().connectionId(), e.externalId()))) {
            String[] row = row(p, e);
            for (int col = 0; col < row.length; col++) {
              insert.setString(col + 1, row[col]);
            }
            insert.addBatch();
            rows.add(i);
          }
        }
      }
      if (!rows.isEmpty()) {
        insert.executeBatch();
        rows.forEach(r -> stored[r]++);
      }
    }
    return stored;
  }

  /**
   * PostgreSQL: one statement for the batch ({@link #STORE_ARRAYS}), committed when it returns; an
   * event repeated within the batch goes in once, and one already stored is skipped by the unique
   * constraint. Each delivery is credited with the rows the statement reports inserted.
   */
  private static int[] storeArrays(Connection c, List<Pending> batch) throws SQLException {
    Map<String, Integer> deliveryOf = new HashMap<>(); // event key -> the delivery that stores it
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      for (EventData e : p.events()) {
        if (deliveryOf.putIfAbsent(key(p.target().connectionId(), e.externalId()), i) == null) {
          rows.add(row(p, e));
        }
      }
    }
    String[][] columns = new String[COLUMN_COUNT][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int col = 0; col < columns.length; col++) {
        columns[col][r] = rows.get(r)[col];
      }
    }
    int[] stored = new int[batch.size()];
    boolean locked = false;
    c.setAutoCommit(true); // the statement is its own transaction
    try (PreparedStatement store = c.prepareStatement(STORE_ARRAYS)) {
      for (int col = 0; col < columns.length; col++) {
        store.setArray(col + 1, c.createArrayOf("text", columns[col]));
      }
      try (ResultSet returned = store.executeQuery()) {
        while (returned.next()) {
          String connectionId = returned.getString(1);
          if (connectionId == null) {
            locked = true; // the lock row
          } else {
            stored[deliveryOf.get(key(connectionId, returned.getString(2)))]++;
          }
        }
      }
    }
    if (!locked) {
      throw new SQLException(EventOrder.MISSING);
    }
    return stored;
  }

  /**
   * @return the values of an event's row in the order of {@link #COLUMNS}, times as ISO-8601 text
   *     (both databases read it into {@code timestamp with time zone})
   */
  private static String[] row(Pending p, EventData e) {
    return new String[] {
      p.target().connectionId(),
      p.target().tenantId(),
      e.kind(),
      e.externalId(),
      e.routingKey().orElse(null),
      p.receivedAt().toString(),
      e.occurredAt().map(Instant::toString).orElse(null),
      e.payload()
    };
  }

  /**
   * The keys of the batch's events already stored, each looked up alone: an equality on both
   * columns of the unique index, which H2 always answers from it (a row-value IN list, measured,
   * was at times planned as a scan of all the connection's events).
   */
  private static Set<String> existing(Connection c, List<Pending> batch) throws SQLException {
    Set<String> found = new HashSet<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "select 1 from webhook_event where connection_id = ? and external_id = ?")) {
      for (Pending p : batch) {
        for (EventData e : p.events()) {
          select.setString(1, p.target().connectionId());
          select.setString(2, e.externalId());
          try (ResultSet rows = select.executeQuery()) {
            if (rows.next()) {
              found.add(key(p.target().connectionId(), e.externalId()));
            }
          }
        }
      }
    }
    return found;
  }

  private boolean isPostgres(Connection c) throws SQLException {
    Boolean known = postgres;
    if (known == null) {
      known =
          c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      postgres = known;
    }
    return known;
  }

  private static String key(String connectionId, String externalId) {
    return connectionId + '\u0000' + externalId;
  }

  /**
   * @param failure what a write threw
   * @return whether it is a unique-constraint violation (SQLSTATE 23505 on both databases), however
   *     wrapped or chained
   */
  public static boolean isDuplicate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          if ("23505".equals(s.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
