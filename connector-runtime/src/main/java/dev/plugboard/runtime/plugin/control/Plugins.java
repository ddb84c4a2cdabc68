package dev.plugboard.runtime.plugin.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.loader.LoadFailure;
import dev.plugboard.connector.loader.PluginJar;
import dev.plugboard.runtime.catalog.control.ConnectorRegistry;
import dev.plugboard.runtime.plugin.control.InstalledPlugin.Runtime;
import dev.plugboard.runtime.plugin.control.PluginFolder.Entry;
import dev.plugboard.runtime.plugin.control.PluginFolder.Fingerprint;
import dev.plugboard.runtime.problem.FieldError;
import dev.plugboard.runtime.problem.Problem;
import dev.plugboard.runtime.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The plugins the platform runs, each a jar in the {@linkplain PluginFolder plugins folder} loaded
 * into its own class loader and thread pool. The catalog ({@link ConnectorRegistry}) asks it for
 * every connector that is not built in.
 *
 * <p>Installing, replacing and removing happen one at a time under a lock; readers see an immutable
 * snapshot and never wait. A plugin that cannot be used, or whose connectors are refused (invalid,
 * built for a newer SPI, an id already taken), is kept in the list with the reasons, and logged;
 * the rest of the platform is unaffected. Built-in connectors win every id conflict, and between
 * plugins the one loaded first keeps its ids.
 */
@ApplicationScoped
public class Plugins {

  private static final Logger LOG = Logger.getLogger(Plugins.class.getName());

  @Inject PluginFolder folder;
  @Inject ConnectorRegistry registry;
  @Inject ConnectorUsage usage;

  @Inject
  @ConfigProperty(name = "plugboard.plugins.call-timeout")
  Duration callTimeout;

  @Inject
  @ConfigProperty(name = "plugboard.plugins.threads")
  int threads;

  @Inject
  @ConfigProperty(name = "plugboard.plugins.queue")
  int queue;

  @Resource ManagedThreadFactory threadFactory;
  @Resource ManagedExecutorService background;

  private final ReentrantLock lock = new ReentrantLock();

  /** The last fingerprint seen of each jar in the folder, to load a file only once it is whole. */
  private final Map<String, Fingerprint> seen = new HashMap<>();

  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private PluginLimits limits;
  private Path workRoot;

  /** What readers see: replaced as a whole on every change. */
  private record Snapshot(
      Map<String, InstalledPlugin> plugins,
      List<Connector> connectors,
      Map<String, IsolatedConnector> byConnectorId) {

    static final Snapshot EMPTY = new Snapshot(Map.of(), List.of(), Map.of());

    static Snapshot of(Map<String, InstalledPlugin> plugins) {
      List<Connector> connectors = new ArrayList<>();
      Map<String, IsolatedConnector> byId = new LinkedHashMap<>();
      for (InstalledPlugin plugin : plugins.values()) {
        for (IsolatedConnector connector : plugin.connectors()) {
          connectors.add(connector);
          byId.put(connector.id(), connector);
        }
      }
      return new Snapshot(
          Collections.unmodifiableMap(new TreeMap<>(plugins)),
          List.copyOf(connectors),
          Collections.unmodifiableMap(byId));
    }
  }

  /** A plugin jar opened but not yet accepted into the platform. */
  private record Opened(PluginJar jar, PluginCalls calls, List<IsolatedConnector> connectors) {

    Runtime runtime() {
      return new Runtime(jar, calls);
    }
  }

  /** A plugin file that cannot be used at all, with the reason. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * The outcome of an install through the API.
   *
   * @param plugin the plugin as now installed
   * @param replaced whether it replaced a plugin with the same id
   */
  public record Installed(InstalledPlugin plugin, boolean replaced) {}

  @PostConstruct
  void init() {
    limits = new PluginLimits(callTimeout, threads, queue);
    try {
      workRoot = Files.createTempDirectory("plugboard-plugins-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work folder for plugins", e);
    }
  }

  @PreDestroy
  void shutdown() {
    Snapshot last = snapshot;
    snapshot = Snapshot.EMPTY;
    for (InstalledPlugin plugin : last.plugins().values()) {
      plugin
          .runtime()
          .ifPresent(
              r -> {
                r.calls().closeNow();
                closeJar(r.jar());
              });
    }
    deleteRecursively(workRoot);
  }

  /**
   * @return every plugin file, loaded or refused, in id order
   */
  public List<InstalledPlugin> list() {
    return List.copyOf(snapshot.plugins().values());
  }

  /**
   * @param id a plugin id
   * @return the plugin with that id
   */
  public Optional<InstalledPlugin> find(String id) {
    return Optional.ofNullable(snapshot.plugins().get(id));
  }

  /**
   * @return the connectors the plugins run, by plugin id, then in the order each jar lists them
   */
  public List<Connector> connectors() {
    return snapshot.connectors();
  }

  /**
   * @param connectorId a connector id
   * @return the plugin connector with that id
   */
  public Optional<Connector> connector(String connectorId) {
    return Optional.ofNullable(snapshot.byConnectorId().get(connectorId));
  }

  /**
   * Brings the plugins in line with the folder: loads new jars, reloads changed ones and unloads
   * those that were deleted. A plugin removed from the folder is unloaded even when its connectors
   * have connections (the file is gone); they then show status ERROR until it returns.
   *
   * @param onlyWholeFiles when {@code true}, a new or changed jar is loaded only once it looked the
   *     same on the previous call, so that a file still being copied in is not read half-written
   */
  public void sync(boolean onlyWholeFiles) {
    lock.lock();
    try {
      Map<String, Entry> present = folder.scan();
      for (InstalledPlugin plugin : list()) {
        if (!present.containsKey(plugin.id())) {
          unregister(plugin);
          LOG.info(
              "Unloaded plugin '"
                  + plugin.id()
                  + "': "
                  + plugin.file()
                  + " was removed from the plugins folder"
                  + stranded(plugin));
        }
      }
      for (Entry entry : present.values()) {
        InstalledPlugin current = snapshot.plugins().get(entry.id());
        if (current != null && current.fingerprint().equals(Optional.of(entry.fingerprint()))) {
          continue;
        }
        if (onlyWholeFiles && !entry.fingerprint().equals(seen.get(entry.id()))) {
          continue;
        }
        register(load(entry));
      }
      seen.clear();
      present.forEach((id, entry) -> seen.put(id, entry.fingerprint()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Installs an uploaded jar: loads it, and only when at least one of its connectors is accepted
   * moves it into the plugins folder (replacing a plugin with the same id) and runs it.
   *
   * @param requestedId the id asked for; when empty, the id of its first accepted connector
   * @param staged the upload, in the plugins folder under a hidden name; left in place
   * @param force whether to replace a plugin even when connectors with connections would go
   * @return the installed plugin
   * @throws ProblemException 422 when the jar is unusable or all its connectors are refused, 409
   *     when replacing would remove connectors that have connections and {@code force} is not set
   */
  public Installed install(Optional<String> requestedId, Path staged, boolean force) {
    lock.lock();
    try {
      String id = requestedId.isPresent() ? requestedId.get() : idOf(staged);
      Opened opened = openUpload(id, staged);
      InstalledPlugin existing = snapshot.plugins().get(id);
      if (existing != null && !force) {
        Set<String> kept =
            opened.connectors().stream().map(IsolatedConnector::id).collect(Collectors.toSet());
        List<String> dropped =
            existing.connectorIds().stream().filter(c -> !kept.contains(c)).toList();
        Map<String, Long> inUse = usage.connections(dropped);
        if (!inUse.isEmpty()) {
          retire(opened.runtime());
          throw ProblemException.conflict(
              "Replacing plugin '"
                  + id
                  + "' would remove "
                  + describe(inUse)
                  + ". Remove those connections first, or send force=true: they then show status"
                  + " ERROR until a plugin provides the connector again.");
        }
      }
      InstalledPlugin plugin = accept(id, "upload", opened);
      if (plugin.connectors().isEmpty()) {
        throw refused(plugin.failures());
      }
      InstalledPlugin placed = plugin.at(folder.commit(staged, id));
      register(placed);
      seen.put(id, placed.fingerprint().orElseThrow());
      return new Installed(placed, existing != null);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes a plugin: deletes its jar from the folder and unloads it.
   *
   * @param id the plugin's id
   * @param force whether to remove it even when its connectors have connections
   * @return the connections stranded, by connector id (only when forced)
   * @throws ProblemException 404 for an unknown plugin, 409 when its connectors have connections
   *     and {@code force} is not set
   */
  public Map<String, Long> remove(String id, boolean force) {
    lock.lock();
    try {
      InstalledPlugin plugin = find(id).orElseThrow(() -> ProblemException.notFound("plugin", id));
      Map<String, Long> inUse = usage.connections(plugin.connectorIds());
      if (!inUse.isEmpty() && !force) {
        throw ProblemException.conflict(
            "Plugin '"
                + id
                + "' provides "
                + describe(inUse)
                + ". Remove those connections first, or send force=true: they then show status"
                + " ERROR until the plugin is installed again.");
      }
      folder.delete(id);
      seen.remove(id);
      unregister(plugin);
      LOG.info(
          "Removed plugin '"
              + id
              + "'"
              + (inUse.isEmpty() ? "" : "; " + describe(inUse) + " now show status ERROR"));
      return inUse;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The id of an upload sent without a name: that of its first connector. The jar is opened once to
   * find it and closed again, so that the plugin's class loader and threads carry its real id.
   */
  private String idOf(Path staged) {
    Opened probe = openUpload("upload", staged);
    List<LoadFailure> failures = probe.jar().result().failures();
    probe.calls().closeNow();
    closeJar(probe.jar());
    if (probe.connectors().isEmpty()) {
      throw refused(failures);
    }
    return probe.connectors().get(0).id();
  }

  private Opened openUpload(String id, Path staged) {
    try {
      return open(id, staged);
    } catch (Refusal refusal) {
      LOG.warning("Refused an uploaded plugin: " + refusal.getMessage());
      throw new ProblemException(
          Problem.of(422, "The plugin was refused: " + refusal.getMessage() + "."));
    }
  }

  /** Loads a jar of the folder, keeping whatever went wrong as the plugin's reasons. */
  private InstalledPlugin load(Entry entry) {
    String file = entry.file().getFileName().toString();
    if (!PluginId.valid(entry.id())) {
      String reason = "its file name must be " + PluginId.RULE + ", then .jar";
      LOG.warning("Refused plugin " + file + ": " + reason);
      return refusedPlugin(entry.id(), file, entry.fingerprint(), reason);
    }
    try {
      return accept(entry.id(), file, open(entry.id(), entry.file())).at(entry.fingerprint());
    } catch (Refusal refusal) {
      LOG.warning("Refused plugin '" + entry.id() + "' (" + file + "): " + refusal.getMessage());
      return refusedPlugin(entry.id(), file, entry.fingerprint(), refusal.getMessage());
    }
  }

  /**
   * Opens a jar on the plugin's own threads, within the time limit: its constructors, descriptors
   * and checks are the plugin's code and may hang.
   */
  private Opened open(String id, Path file) throws Refusal {
    PluginCalls calls = new PluginCalls(id, limits, threadFactory);
    ClassLoader parent = Plugins.class.getClassLoader();
    // A jar that finishes opening after the time limit is closed by whichever side comes last.
    AtomicReference<String> state = new AtomicReference<>("opening");
    AtomicReference<Opened> late = new AtomicReference<>();
    Callable<Opened> opening =
        () -> {
          PluginJar jar = PluginJar.open(id, file, parent, workRoot, Set.of());
          Opened opened;
          try {
            opened =
                new Opened(
                    jar,
                    calls,
                    withContextClassLoader(
                        jar.classLoader(),
                        () ->
                            jar.result().connectors().stream()
                                .map(c -> IsolatedConnector.wrap(id, c, jar.classLoader(), calls))
                                .toList()));
          } catch (RuntimeException | Error e) {
            closeJar(jar);
            throw e;
          }
          late.set(opened);
          if (!state.compareAndSet("opening", "opened")) {
            closeJar(jar);
          }
          return opened;
        };
    try {
      return calls.run(opening);
    } catch (TimeoutException e) {
      if (!state.compareAndSet("opening", "abandoned") && late.get() != null) {
        closeJar(late.get().jar());
      }
      calls.closeNow();
      throw new Refusal(
          "it did not load within "
              + PluginCallException.seconds(limits.callTimeout())
              + ": a constructor, descriptor() or validate() of its connectors does not return");
    } catch (ExecutionException e) {
      calls.closeNow();
      Throwable cause = e.getCause();
      if (cause instanceof PluginJar.PluginException unusable) {
        throw new Refusal(
            unusable.getMessage().replaceFirst("^plugin '[^']*' cannot be opened: ", ""));
      }
      LOG.log(Level.WARNING, "Plugin '" + id + "' failed while loading", cause);
      throw new Refusal("it failed while loading: " + cause.getClass().getName());
    }
  }

  /**
   * Accepts the opened plugin's connectors whose ids are free: built-in connectors and other
   * plugins keep theirs. When none is left, its class loader is closed at once.
   *
   * @param origin where the jar came from, for the log: its file name, or {@code upload}
   */
  private InstalledPlugin accept(String id, String origin, Opened opened) {
    Set<String> builtIn = registry.builtInIds();
    Map<String, String> otherPlugins = new HashMap<>();
    for (InstalledPlugin other : snapshot.plugins().values()) {
      if (!other.id().equals(id)) {
        other.connectorIds().forEach(c -> otherPlugins.put(c, other.id()));
      }
    }
    List<IsolatedConnector> accepted = new ArrayList<>();
    List<LoadFailure> failures = new ArrayList<>(opened.jar().result().failures());
    for (IsolatedConnector connector : opened.connectors()) {
      String taken =
          builtIn.contains(connector.id())
              ? "it is a built-in connector of the platform"
              : otherPlugins.containsKey(connector.id())
                  ? "plugin '" + otherPlugins.get(connector.id()) + "' already provides it"
                  : null;
      if (taken == null) {
        accepted.add(connector);
        continue;
      }
      LoadFailure failure =
          new LoadFailure(
              connector.source(),
              Optional.of(connector.id()),
              "duplicate id: a connector with id '"
                  + connector.id()
                  + "' is already loaded ("
                  + taken
                  + ")");
      LOG.warning(failure.describe() + ", in plugin '" + id + "'");
      failures.add(failure);
    }
    if (accepted.isEmpty()) {
      retire(opened.runtime());
      LOG.warning("Plugin '" + id + "' (" + origin + ") runs no connector: all were refused");
    } else {
      LOG.info(
          "Loaded plugin '"
              + id
              + "' ("
              + origin
              + "): "
              + accepted.stream()
                  .map(c -> "'" + c.id() + "' " + c.descriptor().version())
                  .collect(Collectors.joining(", ")));
    }
    return new InstalledPlugin(
        id,
        id + ".jar",
        Optional.empty(),
        Instant.now(),
        accepted,
        failures,
        accepted.isEmpty() ? Optional.empty() : Optional.of(opened.runtime()));
  }

  private static InstalledPlugin refusedPlugin(
      String id, String file, Fingerprint fingerprint, String reason) {
    return new InstalledPlugin(
        id,
        file,
        Optional.of(fingerprint),
        Instant.now(),
        List.of(),
        List.of(new LoadFailure(file, Optional.empty(), reason)),
        Optional.empty());
  }

  private static ProblemException refused(List<LoadFailure> failures) {
    List<FieldError> errors =
        failures.stream()
            .map(f -> new FieldError(f.connectorId().orElse(f.source()), f.reason()))
            .toList();
    return new ProblemException(
        new Problem(
            422,
            "Unprocessable Content",
            "The plugin was refused: none of its connectors can run (see errors).",
            errors,
            Map.of()));
  }

  private void register(InstalledPlugin plugin) {
    Map<String, InstalledPlugin> next = new TreeMap<>(snapshot.plugins());
    InstalledPlugin previous = next.put(plugin.id(), plugin);
    snapshot = Snapshot.of(next);
    if (previous != null) {
      previous.runtime().ifPresent(this::retire);
    }
  }

  private void unregister(InstalledPlugin plugin) {
    Map<String, InstalledPlugin> next = new TreeMap<>(snapshot.plugins());
    next.remove(plugin.id());
    snapshot = Snapshot.of(next);
    plugin.runtime().ifPresent(this::retire);
  }

  /** Lets calls under way finish (within the time limit), then closes the class loader. */
  private void retire(Runtime runtime) {
    runtime.calls().close(() -> closeJar(runtime.jar()), background);
  }

  private String stranded(InstalledPlugin plugin) {
    try {
      Map<String, Long> inUse = usage.connections(plugin.connectorIds());
      return inUse.isEmpty() ? "" : "; " + describe(inUse) + " now show status ERROR";
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String describe(Map<String, Long> connectionsByConnector) {
    return connectionsByConnector.entrySet().stream()
        .map(
            e ->
                "connector '"
                    + e.getKey()
                    + "' with "
                    + e.getValue()
                    + (e.getValue() == 1 ? " connection" : " connections"))
        .collect(Collectors.joining(", "));
  }

  private static void closeJar(PluginJar jar) {
    try {
      jar.close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Closing plugin '" + jar.id() + "' failed", e);
    }
  }

  private static <T> T withContextClassLoader(ClassLoader classLoader, Callable<T> work)
      throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoader);
    try {
      return work.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Left in the temp folder; nothing reads it again.
    }
  }
}
