package dev.plugboard.runtime.secret.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the master keys come from: {@code plugboard.master-key} (base64), else a key generated once
 * into the data folder; older keys in {@code plugboard.master-key.previous} (comma-separated) keep
 * opening the values they sealed. Loaded at startup so that a bad key stops the platform before it
 * serves anything.
 */
@ApplicationScoped
public class MasterKeys {

  private static final Logger LOG = Logger.getLogger(MasterKeys.class.getName());

  @Inject
  @ConfigProperty(name = "plugboard.master-key")
  Optional<String> configured;

  @Inject
  @ConfigProperty(name = "plugboard.master-key.previous")
  Optional<String> previous;

  @Inject
  @ConfigProperty(name = "plugboard.data-dir")
  String dataDir;

  @Produces
  @Singleton
  KeyRing keyRing() {
    MasterKey current =
        configured
            .map(k -> MasterKey.parse(k, "plugboard.master-key"))
            .orElseGet(this::fromDataFolder);
    List<MasterKey> older =
        Arrays.stream(previous.orElse("").split(","))
            .filter(k -> !k.isBlank())
            .map(k -> MasterKey.parse(k, "plugboard.master-key.previous"))
            .toList();
    return KeyRing.of(current, older);
  }

  void loadAtStartup(@Observes Startup startup, KeyRing keys) {
    LOG.info(
        "Secrets are sealed with master key "
            + keys.current().id()
            + " ("
            + (keys.byId().size() - 1)
            + " previous keys can still open older values)");
  }

  private MasterKey fromDataFolder() {
    Path file = Path.of(dataDir, MasterKeyFile.NAME);
    MasterKeyFile.Loaded loaded = MasterKeyFile.loadOrCreate(file);
    if (loaded.created()) {
      LOG.warning(
          "No plugboard.master-key is configured: generated one into "
              + file.toAbsolutePath()
              + " (readable by its owner only). Back it up with the database: without it the"
              + " stored secrets cannot be read. Anyone who has both can read them.");
    } else if (!loaded.ownerOnly()) {
      LOG.warning(
          "The master key file "
              + file.toAbsolutePath()
              + " is readable by others than its owner: run chmod 600 on it.");
    }
    return loaded.key();
  }
}
