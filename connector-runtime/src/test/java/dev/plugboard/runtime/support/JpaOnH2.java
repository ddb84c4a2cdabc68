package dev.plugboard.runtime.support;

import dev.plugboard.runtime.audit.entity.AuditEntry;
import dev.plugboard.runtime.catalog.entity.ConnectorDefault;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.SetupValue;
import dev.plugboard.runtime.credential.entity.AuthorizedResource;
import dev.plugboard.runtime.credential.entity.Credential;
import dev.plugboard.runtime.event.entity.ReceivedEvent;
import dev.plugboard.runtime.event.entity.UnmatchedEvent;
import dev.plugboard.runtime.oauth.entity.OAuthState;
import dev.plugboard.runtime.security.entity.ApiKey;
import dev.plugboard.runtime.setuplink.entity.SetupLink;
import dev.plugboard.runtime.tenant.entity.Tenant;
import jakarta.persistence.EntityManager;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;

/**
 * The platform's persistence unit outside the server: Hibernate on an in-memory H2 database
 * migrated as at startup (the {@code MigrationIntegrator} runs), with the entities validated
 * against the migrations. Every query the stores run is recorded with its parameters, so a test can
 * ask H2 how many rows a query read ({@link #rowsRead}).
 */
public final class JpaOnH2 implements AutoCloseable {

  private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

  /** A query as the store ran it. */
  public record Query(String sql, Map<Integer, Object> parameters) {}

  private final JdbcDataSource database = new JdbcDataSource();
  private final List<Query> queries = new ArrayList<>();
  private final SessionFactory sessions;

  public JpaOnH2() {
    database.setURL("jdbc:h2:mem:jpa-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Configuration configuration = new Configuration();
    for (Class<?> entity :
        List.of(
            Tenant.class,
            ApiKey.class,
            ConnectorDefault.class,
            Connection.class,
            SetupValue.class,
            Credential.class,
            AuthorizedResource.class,
            OAuthState.class,
            SetupLink.class,
            AuditEntry.class,
            ReceivedEvent.class,
            UnmatchedEvent.class)) {
      configuration.addAnnotatedClass(entity);
    }
    configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, recording());
    configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "validate");
    // No entity maps JSON: Hibernate would otherwise look for a JSON-B provider, which the server
    // has and this class path does not.
    configuration.getProperties().put(AvailableSettings.JSON_FORMAT_MAPPER, new NoJson());
    sessions = configuration.buildSessionFactory();
  }

  /** A new entity manager; the caller begins and ends its transactions. */
  public EntityManager entityManager() {
    return sessions.createEntityManager();
  }

  /** The database itself, for setting up rows with plain SQL. */
  public DataSource database() {
    return database;
  }

  /** The queries run since the last call, oldest first. */
  public List<Query> takeQueries() {
    synchronized (queries) {
      List<Query> taken = List.copyOf(queries);
      queries.clear();
      return taken;
    }
  }

  /**
   * Runs the query again under {@code EXPLAIN ANALYZE} with the same parameters.
   *
   * @return the rows H2 read from every table of the query, whatever it returned
   */
  public long rowsRead(Query query) throws SQLException {
    String plan = plan(query);
    Matcher count = SCAN_COUNT.matcher(plan);
    long rows = 0;
    boolean found = false;
    while (count.find()) {
      rows += Long.parseLong(count.group(1));
      found = true;
    }
    if (!found) {
      throw new IllegalStateException("H2 gave no scan count: " + plan);
    }
    return rows;
  }

  /** H2's plan for the query, run with its parameters ({@code EXPLAIN ANALYZE}). */
  public String plan(Query query) throws SQLException {
    try (java.sql.Connection connection = database.getConnection();
        PreparedStatement explain = connection.prepareStatement("explain analyze " + query.sql())) {
      for (Map.Entry<Integer, Object> parameter : query.parameters().entrySet()) {
        explain.setObject(parameter.getKey(), parameter.getValue());
      }
      try (ResultSet plan = explain.executeQuery()) {
        plan.next();
        return plan.getString(1);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    sessions.close();
    try (java.sql.Connection connection = database.getConnection()) {
      connection.createStatement().execute("shutdown");
    }
  }

  /** The database, with every prepared query's SQL and parameters recorded when it runs. */
  private DataSource recording() {
    return proxy(
        DataSource.class,
        database,
        (target, method, args) -> {
          Object result = call(target, method, args);
          return result instanceof java.sql.Connection connection
              ? proxy(java.sql.Connection.class, connection, this::connectionCall)
              : result;
        });
  }

  private Object connectionCall(Object target, Method method, Object[] args) throws Throwable {
    Object result = call(target, method, args);
    if (result instanceof PreparedStatement statement
        && method.getName().equals("prepareStatement")) {
      String sql = (String) args[0];
      Map<Integer, Object> parameters = new TreeMap<>();
      return proxy(
          PreparedStatement.class,
          statement,
          (inner, call, values) -> {
            String name = call.getName();
            if (name.startsWith("set")
                && values != null
                && values.length >= 2
                && values[0] instanceof Integer index) {
              parameters.put(index, name.equals("setNull") ? null : values[1]);
            } else if (name.equals("clearParameters")) {
              parameters.clear();
            } else if (name.equals("executeQuery")) {
              synchronized (queries) {
                queries.add(new Query(sql, Collections.unmodifiableMap(new TreeMap<>(parameters))));
              }
            }
            return call(inner, call, values);
          });
    }
    return result;
  }

  private static final class NoJson implements FormatMapper {
    @Override
    public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
      throw new UnsupportedOperationException("no entity maps JSON");
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
      throw new UnsupportedOperationException("no entity maps JSON");
    }
  }

  private interface Call {
    Object invoke(Object target, Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, T target, Call call) {
    InvocationHandler handler = (self, method, args) -> call.invoke(target, method, args);
    return type.cast(
        Proxy.newProxyInstance(JpaOnH2.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
