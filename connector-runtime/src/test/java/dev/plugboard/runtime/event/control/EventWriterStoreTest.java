package dev.plugboard.runtime.event.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.event.entity.EventData;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The group-committing writer on the platform's own schema (migrated as at startup) on both
 * databases it writes differently to (H2: each event looked up, then the new ones inserted;
 * PostgreSQL: inserts that skip stored events themselves), with deliveries arriving together as
 * they do under load: each is answered only with what its committed transaction holds, the same
 * event is stored once however many deliveries carry it, a delivery that cannot be stored fails
 * alone, and what is stored is exactly what was received.
 */
class EventWriterStoreTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  /** The databases, each written to its own way (not to be confused with persistence.Database). */
  enum Engine {
    H2,
    POSTGRESQL
  }

  /** One PostgreSQL for the class, started when a test first needs it; a database per test. */
  private static EmbeddedPostgres postgres;

  private DataSource database;
  private Engine kind;
  private EventWriter writer;
  private ExecutorService senders;
  private EventStore.Target connection;

  private void open(Engine kind) throws SQLException, IOException {
    this.kind = kind;
    database = kind == Engine.H2 ? h2() : postgresql();
    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    connection = newConnection();
    writer = new EventWriter();
    writer.dataSource = database;
    writer.threads = new PlainThreads();
    senders = Executors.newFixedThreadPool(16);
  }

  private static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:writer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  private static DataSource postgresql() throws SQLException, IOException {
    if (postgres == null) {
      postgres =
          EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
    }
    String name = "writer_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    return postgres.getDatabase("postgres", name);
  }

  @AfterEach
  void stop() throws SQLException {
    if (writer == null) {
      return;
    }
    senders.shutdownNow();
    writer.stop();
    if (kind == Engine.H2) {
      try (Connection c = database.getConnection();
          Statement s = c.createStatement()) {
        s.execute("shutdown");
      }
    }
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void deliveriesArrivingTogetherAreEachStoredOnceAndAnsweredWithTheirOwnCounts(Engine db)
      throws Exception {
    open(db);
    List<Future<EventStore.Stored>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      List<EventData> events = List.of(event("m_" + i + "_a"), event("m_" + i + "_b"));
      answers.add(senders.submit(() -> writer.store(connection, events, NOW)));
    }
    for (Future<EventStore.Stored> answer : answers) {
      assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(new EventStore.Stored(2, 2, 0));
    }
    assertThat(stored(connection)).isEqualTo(400);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void theSameEventInManyDeliveriesAtOnceIsStoredOnce(Engine db) throws Exception {
    open(db);
    EventData same = event("m_same");
    List<Future<EventStore.Stored>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      answers.add(senders.submit(() -> writer.store(connection, List.of(same, same, same), NOW)));
    }
    int rows = 0;
    for (Future<EventStore.Stored> answer : answers) {
      EventStore.Stored stored = answer.get(30, TimeUnit.SECONDS);
      assertThat(stored.events()).as("repeats within a delivery count once").isEqualTo(1);
      rows += stored.stored();
    }
    assertThat(rows).as("exactly one answer stored it").isEqualTo(1);
    assertThat(stored(connection)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aDeliveryThatCannotBeStoredFailsAloneAndTheOthersAreStored(Engine db) throws Exception {
    open(db);
    // A connection deleted a moment ago: its events break the foreign key.
    EventStore.Target gone = new EventStore.Target(UUID.randomUUID().toString(), "no-tenant");
    List<Callable<EventStore.Stored>> deliveries = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      EventStore.Target to = i % 10 == 0 ? gone : connection;
      EventData event = event("m_mixed_" + i);
      deliveries.add(() -> writer.store(to, List.of(event), NOW));
    }
    List<Future<EventStore.Stored>> answers = senders.invokeAll(deliveries);

    int refused = 0;
    for (int i = 0; i < answers.size(); i++) {
      Future<EventStore.Stored> answer = answers.get(i);
      if (i % 10 == 0) {
        assertThatThrownBy(() -> answer.get(30, TimeUnit.SECONDS))
            .hasCauseInstanceOf(EventWriter.NotStored.class);
        refused++;
      } else {
        assertThat(answer.get(30, TimeUnit.SECONDS).stored()).isEqualTo(1);
      }
    }
    assertThat(refused).isEqualTo(6);
    assertThat(stored(connection)).isEqualTo(54);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void eachColumnIsStoredAsReceived(Engine db) throws Exception {
    open(db);
    Instant received = Instant.parse("2026-11-30T12:00:00.123456Z");
    Instant occurred = Instant.parse("2026-11-29T23:59:59Z"); // no fraction: shorter text
    // What an encoding on the way could get wrong: quotes, backslashes, braces, commas,
    // NULL spelled out, non-ASCII and a character outside the BMP; absent routing key and time.
    String payload = "{\"text\":\"a \\\"b\\\" {c}, NULL \\\\ na\u00efve \uD83D\uDE00\"}";
    EventData full =
        new EventData("message", "m_full", Optional.of("10,20"), payload, Optional.of(occurred));
    EventData bare = new EventData("read", "m_bare", Optional.empty(), "{}", Optional.empty());

    EventStore.Stored stored = writer.store(connection, List.of(full, bare), received);

    assertThat(stored).isEqualTo(new EventStore.Stored(2, 2, 0));
    try (Connection c = database.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select tenant_id, kind, external_id, routing_key, received_at, occurred_at,"
                    + " payload from webhook_event where connection_id = ? order by id")) {
      q.setString(1, connection.connectionId());
      try (ResultSet rows = q.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo(connection.tenantId());
        assertThat(rows.getString(2)).isEqualTo("message");
        assertThat(rows.getString(3)).isEqualTo("m_full");
        assertThat(rows.getString(4)).isEqualTo("10,20");
        assertThat(rows.getObject(5, OffsetDateTime.class).toInstant()).isEqualTo(received);
        assertThat(rows.getObject(6, OffsetDateTime.class).toInstant()).isEqualTo(occurred);
        assertThat(rows.getString(7)).isEqualTo(payload);
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo(connection.tenantId());
        assertThat(rows.getString(2)).isEqualTo("read");
        assertThat(rows.getString(3)).isEqualTo("m_bare");
        assertThat(rows.getString(4)).isNull();
        assertThat(rows.getObject(5, OffsetDateTime.class).toInstant()).isEqualTo(received);
        assertThat(rows.getObject(6)).isNull();
        assertThat(rows.getString(7)).isEqualTo("{}");
        assertThat(rows.next()).isFalse();
      }
    }
  }

  /**
   * Another transaction storing events (another server instance's batch, or a shared-app delivery)
   * takes an id and has not committed: the writer's batch waits for it, so its events get larger
   * ids and a reader paging with {@code ?after=} cannot see them first and page past the other's.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void eventIdsFollowTheOrderTheirTransactionsCommitIn(Engine db) throws Exception {
    open(db);
    long first;
    Future<EventStore.Stored> later;
    try (Connection other = database.getConnection()) {
      other.setAutoCommit(false);
      EventOrder.lock(other);
      first = insertEvent(other, "m_first");

      later = heldBack("m_later", "answered while an event with a smaller id was still to commit");
      assertThat(idsOf(connection)).as("nothing visible yet").isEmpty();

      other.commit();
    }
    assertThat(later.get(30, TimeUnit.SECONDS).stored()).isEqualTo(1);
    List<Long> ids = idsOf(connection);
    assertThat(ids).hasSize(2).first().isEqualTo(first);
    assertThat(ids.get(1)).isGreaterThan(first);
  }

  /**
   * The lock comes before the batch's first id: another transaction that holds the lock but takes
   * its id only while the writer waits for it still gets the smaller one. A writer that took its
   * ids first and then waited for the lock would commit ids larger ones had already passed.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void aBatchTakesItsIdsOnlyOnceItHoldsTheLock(Engine db) throws Exception {
    open(db);
    long other;
    Future<EventStore.Stored> later;
    try (Connection c = database.getConnection()) {
      c.setAutoCommit(false);
      EventOrder.lock(c);
      later = heldBack("m_later", "stored while another transaction held the lock");
      other = insertEvent(c, "m_other");
      c.commit();
    }
    assertThat(later.get(30, TimeUnit.SECONDS).stored()).isEqualTo(1);
    assertThat(idsOf(connection))
        .as("the id taken while the writer waited comes first")
        .hasSize(2)
        .first()
        .isEqualTo(other);
  }

  /**
   * Without the event-order row (a database not migrated to V6, or the row deleted by hand) the
   * writer cannot keep ids in commit order: a delivery is then refused, not stored and not
   * acknowledged as a duplicate (on PostgreSQL the lock rides in the insert statement, which would
   * otherwise insert nothing and report nothing).
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void withoutTheEventOrderRowNothingIsStoredOrAcknowledged(Engine db) throws Exception {
    open(db);
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      s.execute("delete from event_commit_order");
    }
    assertThatThrownBy(() -> writer.store(connection, List.of(event("m_unordered")), NOW))
        .isInstanceOf(EventWriter.NotStored.class)
        .hasRootCauseMessage(EventOrder.MISSING);
    assertThat(stored(connection)).isZero();
  }

  /**
   * No request thread waits for the writer, so the number of deliveries waiting is bounded: while a
   * batch cannot commit, the queue fills up to {@link EventWriter#MAX_WAITING} and the next
   * delivery is refused at once (not acknowledged, so it is sent again); the waiting ones are all
   * stored once the batch can go on.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void beyondTheDeliveriesThatMayWaitOneIsRefusedAtOnce(Engine db) throws Exception {
    open(db);
    List<CompletableFuture<EventStore.Stored>> waiting = new ArrayList<>();
    CompletableFuture<EventStore.Stored> refused;
    try (Connection c = database.getConnection()) {
      c.setAutoCommit(false);
      EventOrder.lock(c); // the writer's first batch waits for it
      waiting.add(writer.submit(connection, List.of(event("m_0")), NOW));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (writer.waiting() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10); // until the writer has taken it into its batch
      }
      for (int i = 1; i <= EventWriter.MAX_WAITING; i++) {
        waiting.add(writer.submit(connection, List.of(event("m_" + i)), NOW));
      }
      refused = writer.submit(connection, List.of(event("m_refused")), NOW);
      assertThat(refused.isCompletedExceptionally()).as("refused at once").isTrue();
      assertThatThrownBy(refused::join)
          .hasCauseInstanceOf(EventWriter.NotStored.class)
          .hasMessageContaining("waiting");
      assertThat(waiting).noneMatch(CompletableFuture::isDone);
      c.commit();
    }
    for (CompletableFuture<EventStore.Stored> w : waiting) {
      assertThat(w.get(30, TimeUnit.SECONDS).stored()).isEqualTo(1);
    }
    assertThat(idsOf(connection)).hasSize(EventWriter.MAX_WAITING + 1);
  }

  /**
   * Sends a delivery of one event to the writer and checks that it is not answered within 500 ms
   * (another transaction holds the event-order lock).
   */
  private Future<EventStore.Stored> heldBack(String mid, String failure) {
    Future<EventStore.Stored> later =
        senders.submit(() -> writer.store(connection, List.of(event(mid)), NOW));
    assertThatThrownBy(() -> later.get(500, TimeUnit.MILLISECONDS))
        .as(failure)
        .isInstanceOf(TimeoutException.class);
    return later;
  }

  /** Inserts an event of the test's connection in c's transaction, as another writer would. */
  private long insertEvent(Connection c, String externalId) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into webhook_event (connection_id, tenant_id, kind, external_id,"
                + " received_at, payload) values (?, ?, 'message', ?, ?, '{}')",
            new String[] {"id"})) {
      insert.setString(1, connection.connectionId());
      insert.setString(2, connection.tenantId());
      insert.setString(3, externalId);
      insert.setObject(4, OffsetDateTime.parse("2026-11-30T12:00:00Z"));
      insert.executeUpdate();
      try (ResultSet key = insert.getGeneratedKeys()) {
        key.next();
        return key.getLong(1);
      }
    }
  }

  /** The connection's event ids in the order a reader pages through them. */
  private List<Long> idsOf(EventStore.Target target) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = database.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select id from webhook_event where connection_id = ? order by id")) {
      q.setString(1, target.connectionId());
      try (ResultSet rows = q.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }

  private EventStore.Target newConnection() throws SQLException {
    String tenant = UUID.randomUUID().toString();
    String id = UUID.randomUUID().toString();
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "insert into tenant (id, name, created_at) values ('%s', '%s', current_timestamp)"
              .formatted(tenant, tenant));
      s.execute(
          ("insert into connection (id, tenant_id, connector_id, name, status, webhook_key,"
                  + " version, created_at, updated_at) values ('%s', '%s', 'facebook-messenger',"
                  + " 'c', 'CONNECTED', '%s', 0, current_timestamp, current_timestamp)")
              .formatted(id, tenant, id));
    }
    return new EventStore.Target(id, tenant);
  }

  private int stored(EventStore.Target target) throws SQLException {
    try (Connection c = database.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "select count(*) from webhook_event where connection_id = '%s'"
                    .formatted(target.connectionId()))) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static EventData event(String mid) {
    return new EventData(
        "message", mid, Optional.of("1020"), "{\"mid\":\"" + mid + "\"}", Optional.of(NOW));
  }

  /** What the server's default managed thread factory gives the writer: a plain thread. */
  private static final class PlainThreads implements ManagedThreadFactory {
    @Override
    public Thread newThread(Runnable task) {
      return new Thread(task);
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      throw new UnsupportedOperationException();
    }
  }
}
