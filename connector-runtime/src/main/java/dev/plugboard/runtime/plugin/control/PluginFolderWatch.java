package dev.plugboard.runtime.plugin.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the plugins folder at startup, after the built-in connectors (which win id conflicts), and
 * then looks at it every {@code plugboard.plugins.poll-interval} for jars dropped in, replaced or
 * deleted. Polling rather than file-system events: it costs one directory listing, sees a folder
 * that is created later, and works on network and container volumes, which often deliver no events.
 */
@ApplicationScoped
public class PluginFolderWatch {

  private static final Logger LOG = Logger.getLogger(PluginFolderWatch.class.getName());

  @Inject Plugins plugins;
  @Inject PluginFolder folder;

  @Inject
  @ConfigProperty(name = "plugboard.plugins.poll-interval")
  Duration interval;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> polling;

  void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) Startup startup) {
    folder.removeStaleUploads();
    LOG.info(
        "Plugins folder: "
            + folder.path()
            + (Files.isDirectory(folder.path())
                ? ""
                : " (not there yet: create it to drop connector jars in, or POST one to"
                    + " /api/v1/plugins)"));
    try {
      plugins.sync(false);
    } catch (RuntimeException e) {
      // The platform starts without plugins rather than not at all; the next look may succeed.
      LOG.log(Level.SEVERE, "Loading the plugins folder " + folder.path() + " failed", e);
    }
    polling =
        scheduler.scheduleWithFixedDelay(
            this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      plugins.sync(true);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Looking at the plugins folder " + folder.path() + " failed", e);
    }
  }

  @PreDestroy
  void stop() {
    if (polling != null) {
      polling.cancel(false);
    }
  }
}
