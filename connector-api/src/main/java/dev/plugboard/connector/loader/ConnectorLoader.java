package dev.plugboard.connector.loader;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.Spi;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldResult;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Finds connectors through {@link ServiceLoader} and refuses the malformed ones, each with a clear
 * log line, while keeping the others: one broken connector never stops the platform.
 *
 * <p>A connector is refused when it cannot be instantiated, its {@link Connector#descriptor()}
 * fails (which is how an invalid id or schema shows, since descriptors check themselves), it was
 * built for an SPI version this one does not run, its id is already taken, or its declared
 * capabilities do not match what it implements. See {@link #check(Connector)}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 1
 */
public final class ConnectorLoader {

  private static final System.Logger LOG = System.getLogger(ConnectorLoader.class.getName());

  private ConnectorLoader() {}

  /**
   * Loads every connector visible to a class loader.
   *
   * @param classLoader where to look for {@code
   *     META-INF/services/dev.plugboard.connector.Connector}
   * @return the accepted and the refused connectors
   */
  public static LoadResult load(ClassLoader classLoader) {
    return load(classLoader, Set.of(), type -> true);
  }

  /**
   * Loads the connectors visible to a class loader whose class passes a filter (e.g. only those a
   * plugin's own loader defined, since {@link ServiceLoader} also returns its parent's), refusing
   * ids already taken by connectors loaded elsewhere.
   *
   * @param classLoader where to look
   * @param takenIds ids of connectors already running
   * @param accept which provider classes to consider at all
   * @return the accepted and the refused connectors
   */
  public static LoadResult load(
      ClassLoader classLoader, Set<String> takenIds, Predicate<Class<?>> accept) {
    List<Candidate> candidates = new ArrayList<>();
    Iterator<ServiceLoader.Provider<Connector>> providers =
        ServiceLoader.load(Connector.class, classLoader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<Connector> provider;
      try {
        if (!providers.hasNext()) {
          break;
        }
        provider = providers.next();
      } catch (ServiceConfigurationError e) {
        candidates.add(new Candidate("service entry", failing(e)));
        continue;
      }
      if (accept.test(provider.type())) {
        candidates.add(new Candidate(provider.type().getName(), provider::get));
      }
    }
    return check(candidates, takenIds);
  }

  /**
   * Checks candidates in order: each is instantiated, {@linkplain #check(Connector) checked} and
   * given its id unless an earlier one (or {@code takenIds}) has it.
   *
   * @param candidates where each connector comes from and how to instantiate it
   * @param takenIds ids of connectors already running
   * @return the accepted and the refused connectors; every refusal is also logged
   */
  public static LoadResult check(List<Candidate> candidates, Set<String> takenIds) {
    List<Connector> accepted = new ArrayList<>();
    List<LoadFailure> failures = new ArrayList<>();
    Set<String> ids = new HashSet<>(takenIds);
    for (Candidate candidate : candidates) {
      Connector connector;
      try {
        connector = candidate.factory().get();
      } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
        failures.add(
            refuse(candidate.source(), Optional.empty(), "cannot be instantiated: " + reason(e)));
        continue;
      }
      ConnectorDescriptor descriptor;
      try {
        descriptor = connector.descriptor();
      } catch (RuntimeException | LinkageError e) {
        failures.add(
            refuse(candidate.source(), Optional.empty(), "invalid descriptor: " + reason(e)));
        continue;
      }
      if (descriptor == null) {
        failures.add(refuse(candidate.source(), Optional.empty(), "descriptor() returned null"));
        continue;
      }
      Optional<String> id = Optional.of(descriptor.id());
      List<String> problems = check(connector);
      if (!problems.isEmpty()) {
        failures.add(refuse(candidate.source(), id, String.join("; ", problems)));
        continue;
      }
      if (!ids.add(descriptor.id())) {
        failures.add(
            refuse(
                candidate.source(),
                id,
                "duplicate id: a connector with id '" + descriptor.id() + "' is already loaded"));
        continue;
      }
      accepted.add(connector);
    }
    return new LoadResult(accepted, failures);
  }

  /**
   * The checks one connector must pass beyond a valid descriptor. Shared with the contract kit.
   *
   * @param connector the connector to check
   * @return the problems found, each a sentence; empty when the connector may run
   */
  public static List<String> check(Connector connector) {
    List<String> problems = new ArrayList<>();
    ConnectorDescriptor descriptor;
    try {
      descriptor = connector.descriptor();
    } catch (RuntimeException | LinkageError e) {
      return List.of("invalid descriptor: " + reason(e));
    }
    if (!Spi.supports(descriptor.spiVersion())) {
      problems.add(
          "incompatible SPI version: built for SPI "
              + descriptor.spiVersion()
              + ", this runtime runs SPI "
              + Spi.MINIMUM_VERSION
              + " to "
              + Spi.VERSION);
      return problems;
    }
    try {
      if (!descriptor.equals(connector.descriptor())) {
        problems.add("descriptor() returns different values on each call");
      }
    } catch (RuntimeException | LinkageError e) {
      problems.add("descriptor() fails on a second call: " + reason(e));
    }
    boolean hasWebhooks;
    try {
      hasWebhooks = connector.webhooks().isPresent();
    } catch (RuntimeException | LinkageError e) {
      problems.add("webhooks() fails: " + reason(e));
      hasWebhooks = descriptor.capabilities().webhooks();
    }
    if (descriptor.capabilities().webhooks() && !hasWebhooks) {
      problems.add("declares webhooks but webhooks() is empty");
    } else if (!descriptor.capabilities().webhooks() && hasWebhooks) {
      problems.add("webhooks() is present but the webhooks capability is not declared");
    }
    try {
      Validation validation = connector.validate(Setup.empty());
      List<String> keys = descriptor.authFields().stream().map(Field::key).toList();
      List<String> validated = validation.results().stream().map(FieldResult::key).toList();
      if (!keys.equals(validated)) {
        problems.add(
            "validate() must return one result per auth field in schema order: expected "
                + keys
                + ", got "
                + validated);
      }
    } catch (RuntimeException | LinkageError e) {
      problems.add("validate() fails on an empty setup: " + reason(e));
    }
    return problems;
  }

  private static LoadFailure refuse(String source, Optional<String> id, String reason) {
    LoadFailure failure = new LoadFailure(source, id, reason);
    LOG.log(Level.WARNING, failure.describe());
    return failure;
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return root == e
        ? e.getClass().getSimpleName() + message
        : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName() + message;
  }

  private static Supplier<Connector> failing(ServiceConfigurationError e) {
    return () -> {
      throw e;
    };
  }

  /**
   * A connector to load: where it comes from and how to instantiate it.
   *
   * @param source a name for the log, e.g. the class name
   * @param factory instantiates the connector; may throw
   * @since 1
   */
  public record Candidate(String source, Supplier<? extends Connector> factory) {}
}
