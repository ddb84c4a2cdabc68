package dev.plugboard.runtime.event.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.runtime.event.entity.EventData;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The group-committing writer on the platform's own schema (H2, migrated as at startup), with
 * deliveries arriving together as they do under load: each is answered only with what its committed
 * transaction holds, the same event is stored once however many deliveries carry it, and a delivery
 * that cannot be stored fails alone.
 */
class EventWriterStoreTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private JdbcDataSource database;
  private EventWriter writer;
  private ExecutorService senders;
  private EventStore.Target connection;

  @BeforeEach
  void migrateAndStart() throws SQLException {
    database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:writer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    connection = newConnection();
    writer = new EventWriter();
    writer.dataSource = database;
    writer.threads = new PlainThreads();
    senders = Executors.newFixedThreadPool(16);
  }

  @AfterEach
  void stop() throws SQLException {
    senders.shutdownNow();
    writer.stop();
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      s.execute("shutdown");
    }
  }

  @Test
  void deliveriesArrivingTogetherAreEachStoredOnceAndAnsweredWithTheirOwnCounts() throws Exception {
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

  @Test
  void theSameEventInManyDeliveriesAtOnceIsStoredOnce() throws Exception {
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

  @Test
  void aDeliveryThatCannotBeStoredFailsAloneAndTheOthersAreStored() throws Exception {
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
