package dev.plugboard.runtime.secret.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The master key generated on first start when none is configured: a file readable by its owner
 * only, in the data folder, next to the database it protects.
 */
public final class MasterKeyFile {

  /** The file's name inside the data folder. */
  public static final String NAME = "master.key";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private MasterKeyFile() {}

  /**
   * What {@link #loadOrCreate} found.
   *
   * @param key the key
   * @param created whether the file was created just now
   * @param ownerOnly whether only the owner may read the file (always true when created)
   */
  public record Loaded(MasterKey key, boolean created, boolean ownerOnly) {}

  /**
   * Reads the key file, or creates it with a new random key, atomically and with owner-only
   * permissions from the start (never world-readable, not even for an instant).
   *
   * @param file where the key is kept
   * @return the key and how it was found
   */
  public static Loaded loadOrCreate(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (!Files.exists(file)) {
        byte[] bytes = new byte[MasterKey.BYTES];
        new SecureRandom().nextBytes(bytes);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
          Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n");
          return new Loaded(MasterKey.of(bytes), true, true);
        } catch (FileAlreadyExistsException raced) {
          // another instance created it first: use theirs
        }
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      boolean ownerOnly = OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file));
      return new Loaded(MasterKey.parse(text, file.toString()), false, ownerOnly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the master key file " + file, e);
    }
  }
}
