package dev.plugboard.runtime.secret.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyFileTest {

  @TempDir Path dataDir;

  @Test
  void generatesAKeyReadableByItsOwnerOnlyAndReusesIt() throws IOException {
    Path file = dataDir.resolve("nested/master.key");
    MasterKeyFile.Loaded first = MasterKeyFile.loadOrCreate(file);
    assertThat(first.created()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    MasterKeyFile.Loaded second = MasterKeyFile.loadOrCreate(file);
    assertThat(second.created()).isFalse();
    assertThat(second.ownerOnly()).isTrue();
    assertThat(second.key().id()).isEqualTo(first.key().id());
  }

  @Test
  void tellsWhenOthersMayReadTheFile() throws IOException {
    Path file = dataDir.resolve("master.key");
    MasterKeyFile.loadOrCreate(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(MasterKeyFile.loadOrCreate(file).ownerOnly()).isFalse();
  }
}
