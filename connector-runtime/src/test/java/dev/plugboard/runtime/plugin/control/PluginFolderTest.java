package dev.plugboard.runtime.plugin.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.runtime.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginFolderTest {

  @TempDir Path dir;

  private PluginFolder folder(Path path) {
    PluginFolder folder = new PluginFolder();
    folder.dir = path.toString();
    return folder;
  }

  @Test
  void listsJarsByIdIgnoringOtherAndHiddenFiles() throws IOException {
    Files.write(dir.resolve("b-plugin.jar"), new byte[] {1});
    Files.write(dir.resolve("a-plugin.jar"), new byte[] {1, 2});
    Files.write(dir.resolve("notes.txt"), new byte[] {1});
    Files.write(dir.resolve(".upload-1.tmp"), new byte[] {1});
    Files.write(dir.resolve(".hidden.jar"), new byte[] {1});
    Files.createDirectories(dir.resolve("folder.jar"));
    assertThat(folder(dir).scan()).containsOnlyKeys("a-plugin", "b-plugin");
    assertThat(folder(dir).scan().get("a-plugin").fingerprint().size()).isEqualTo(2);
  }

  @Test
  void aFolderThatDoesNotExistHoldsNoPlugins() {
    assertThat(folder(dir.resolve("missing")).scan()).isEmpty();
  }

  @Test
  void uploadsAreStagedHiddenThenMovedIntoPlace() throws IOException {
    PluginFolder folder = folder(dir.resolve("created"));
    Path staged = folder.stage(new ByteArrayInputStream(new byte[] {1, 2, 3}));
    assertThat(staged.getFileName().toString()).startsWith(".upload-");
    assertThat(folder.scan()).isEmpty();
    PluginFolder.Fingerprint placed = folder.commit(staged, "uploaded");
    assertThat(staged).doesNotExist();
    assertThat(folder.scan().get("uploaded").fingerprint()).isEqualTo(placed);
    folder.delete("uploaded");
    assertThat(folder.scan()).isEmpty();
  }

  @Test
  void anUploadCutOffByTheSizeLimitLeavesNothing() throws IOException {
    PluginFolder folder = folder(dir);
    InputStream failing =
        new InputStream() {
          @Override
          public int read() {
            throw ProblemException.tooLarge(1);
          }
        };
    Assertions.assertThatThrownBy(() -> folder.stage(failing)).isInstanceOf(ProblemException.class);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }
}
