package dev.plugboard.runtime.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.runtime.audit.control.AuditLog;
import dev.plugboard.runtime.audit.entity.AuditEntry;
import dev.plugboard.runtime.connection.control.ConnectionStore;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.event.control.EventCursor;
import dev.plugboard.runtime.event.control.EventStore;
import dev.plugboard.runtime.event.entity.ReceivedEvent;
import dev.plugboard.runtime.event.entity.UnmatchedEvent;
import dev.plugboard.runtime.support.JpaOnH2;
import dev.plugboard.runtime.tenant.control.Tenants;
import dev.plugboard.runtime.tenant.entity.Tenant;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Field;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every paged list reads about one page of rows, wherever the page is and however many rows the
 * table holds: the stores' queries, as Hibernate runs them on the embedded H2 database, go through
 * an index in list order from the cursor on, instead of reading and sorting every matching row for
 * each page (which makes walking a long list quadratic). Each list is also walked to its end to
 * show the order is the list order, with ties on the timestamp broken by id, and nothing is skipped
 * or repeated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagedReadsTest {

  /** Rows of each list, others' rows mixed in. Large enough that reading them all shows. */
  private static final int ROWS = 2_000;

  private static final int LIMIT = 50;

  /** A page may read its rows, the one that tells there is more, and a few at the cursor. */
  private static final long READ_AT_MOST = LIMIT + 5;

  private static final String TENANT = "00000000-0000-0000-0000-";
  private static final String CONNECTION = "00000000-0000-0000-0001-";
  private static final String AUDIT = "00000000-0000-0000-0002-";
  private static final String T0 = TENANT + "000000000000";
  private static final String T1 = TENANT + "000000000001";
  private static final String C0 = CONNECTION + "000000000000";
  private static final String C1 = CONNECTION + "000000000001";

  private JpaOnH2 jpa;
  private EntityManager entityManager;

  @BeforeAll
  void fill() throws SQLException {
    jpa = new JpaOnH2();
    entityManager = jpa.entityManager();
    try (java.sql.Connection connection = jpa.database().getConnection();
        Statement sql = connection.createStatement()) {
      // Tenants 0…1999 created in pairs at the same second (ties broken by id).
      sql.execute(
          "insert into tenant (id, name, created_at) select '00000000-0000-0000-0000-' || lpad(x, 12, '0'), 'tenant ' || x,"
              + " timestamp with time zone '2026-01-01 00:00:00+00' + (x / 2) * interval '1' second"
              + " from system_range(0, "
              + (ROWS - 1)
              + ")");
      // Connections of tenants 0 and 1, alternating, four created at each second.
      sql.execute(
          "insert into connection (id, tenant_id, connector_id, name, status, webhook_key, version,"
              + " created_at, updated_at) select '00000000-0000-0000-0001-' || lpad(x, 12, '0'),"
              + " case when mod(x, 2) = 0 then '"
              + T0
              + "' else '"
              + T1
              + "' end, 'sample', 'c' || x,"
              + " 'NEEDS_SETUP', 'key' || x, 0,"
              + " timestamp with time zone '2026-01-01 00:00:00+00' + (x / 4) * interval '1' second,"
              + " timestamp with time zone '2026-01-01 00:00:00+00' from system_range(0, "
              + (2 * ROWS - 1)
              + ")");
      // Events of connections 0 and 1, alternating.
      sql.execute(
          "insert into webhook_event (connection_id, tenant_id, kind, external_id, received_at,"
              + " payload) select case when mod(x, 2) = 0 then '"
              + C0
              + "' else '"
              + C1
              + "' end,"
              + " case when mod(x, 2) = 0 then '"
              + T0
              + "' else '"
              + T1
              + "' end, 'message', 'm' || x,"
              + " current_timestamp, '{\"n\":' || x || '}' from system_range(0, "
              + (2 * ROWS - 1)
              + ")");
      sql.execute(
          "insert into unmatched_event (connector_id, kind, external_id, received_at, payload)"
              + " select case when mod(x, 2) = 0 then 'one' else 'other' end, 'message', 'm' || x,"
              + " current_timestamp, '{}' from system_range(0, "
              + (2 * ROWS - 1)
              + ")");
      // Audit entries of tenants 0, 1 and the operator, in turn, two at each moment.
      sql.execute(
          "insert into audit_entry (id, occurred_at, actor, tenant_id, action, target) select"
              + " '00000000-0000-0000-0002-' || lpad(x, 12, '0'),"
              + " timestamp with time zone '2026-01-01 00:00:00+00' + (x / 2) * interval '1' second,"
              + " 'operator', case mod(x, 3) when 0 then '"
              + T0
              + "' when 1 then '"
              + T1
              + "' end,"
              + " 'tenant.created', 'tenant/x' from system_range(0, "
              + (3 * ROWS - 1)
              + ")");
    }
  }

  @AfterAll
  void close() throws SQLException {
    entityManager.close();
    jpa.close();
  }

  @Test
  void tenantsReadAboutOnePagePerPage() throws SQLException {
    Tenants tenants = inject(new Tenants());
    List<Tenant> all = walk(next -> tenants.page(PageRequest.of(next, LIMIT)));
    assertThat(all).hasSize(ROWS);
    assertThat(all.stream().map(t -> t.id().value()))
        .containsExactlyElementsOf(ids(TENANT, 12, 0, 1, ROWS));
  }

  @Test
  void connectionsReadAboutOnePagePerPage() throws SQLException {
    ConnectionStore connections = inject(new ConnectionStore());
    List<Connection> all =
        walk(next -> connections.page(new TenantId(T1), PageRequest.of(next, LIMIT)));
    assertThat(all.stream().map(c -> c.id().value()))
        .containsExactlyElementsOf(ids(CONNECTION, 12, 1, 2, ROWS));
  }

  @Test
  void eventsReadAboutOnePagePerPage() throws SQLException {
    EventStore events = inject(new EventStore());
    Connection second = entityManager.find(Connection.class, C1);
    List<ReceivedEvent> all =
        walk(next -> events.page(second, EventCursor.of(next, LIMIT).afterId(), LIMIT));
    assertThat(all).hasSize(ROWS);
    assertThat(all.stream().map(ReceivedEvent::externalId))
        .containsExactlyElementsOf(ids("m", 0, 1, 2, ROWS));
  }

  @Test
  void unmatchedEventsReadAboutOnePagePerPage() throws SQLException {
    EventStore events = inject(new EventStore());
    List<UnmatchedEvent> all =
        walk(next -> events.unmatched("other", EventCursor.of(next, LIMIT).afterId(), LIMIT));
    assertThat(all.stream().map(UnmatchedEvent::externalId))
        .containsExactlyElementsOf(ids("m", 0, 1, 2, ROWS));
  }

  @Test
  void theAuditLogReadsAboutOnePagePerPage() throws SQLException {
    AuditLog audit = inject(new AuditLog());
    List<AuditEntry> everything =
        walk(next -> audit.page(Optional.empty(), PageRequest.of(next, LIMIT)));
    assertThat(everything.stream().map(AuditEntry::id))
        .containsExactlyElementsOf(ids(AUDIT, 12, 0, 1, 3 * ROWS));

    List<AuditEntry> tenants =
        walk(next -> audit.page(Optional.of(new TenantId(T1)), PageRequest.of(next, LIMIT)));
    assertThat(tenants.stream().map(AuditEntry::id))
        .containsExactlyElementsOf(ids(AUDIT, 12, 1, 3, ROWS));
  }

  /**
   * Walks a list as a client does, following each page's {@code next} token (none for the first
   * page), and checks how many rows each page's query read.
   */
  private <T> List<T> walk(Function<String, Page<T>> page) throws SQLException {
    List<T> all = new ArrayList<>();
    String next = null;
    do {
      jpa.takeQueries();
      Page<T> read = page.apply(next);
      checkRowsRead();
      all.addAll(read.items());
      next = read.next();
    } while (next != null);
    return all;
  }

  private void checkRowsRead() throws SQLException {
    List<JpaOnH2.Query> queries = jpa.takeQueries();
    assertThat(queries).hasSize(1);
    JpaOnH2.Query query = queries.get(0);
    assertThat(jpa.rowsRead(query)).as(() -> plan(query)).isLessThanOrEqualTo(READ_AT_MOST);
  }

  private String plan(JpaOnH2.Query query) {
    try {
      return "rows read by " + query + ", plan:\n" + jpa.plan(query);
    } catch (SQLException e) {
      return e.toString();
    }
  }

  /** prefix + each number from first, every step, count of them, zero-padded to width. */
  private static List<String> ids(String prefix, int width, int first, int step, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String number = Integer.toString(first + i * step);
      ids.add(prefix + (width == 0 ? number : "0".repeat(width - number.length()) + number));
    }
    return ids;
  }

  private <T> T inject(T store) {
    try {
      Field field = store.getClass().getDeclaredField("entityManager");
      field.setAccessible(true);
      field.set(store, entityManager);
      return store;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
