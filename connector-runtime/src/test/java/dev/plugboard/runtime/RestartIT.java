package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.runtime.support.Api;
import dev.plugboard.runtime.support.Deployments;
import dev.plugboard.runtime.support.PayaraProcess;
import dev.plugboard.runtime.support.Reply;
import dev.plugboard.runtime.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;

/**
 * A fresh installation, started as the run script starts it, without a configured master key or
 * operator key: it generates both, and after a restart the data is there and its secrets open with
 * the same key.
 */
class RestartIT {

  private static final Pattern OPERATOR_KEY =
      Pattern.compile("Operator API key \\(shown once\\): (\\S+)");

  @Test
  void dataAndGeneratedKeysSurviveARestart() throws IOException {
    Path dir =
        Path.of(
            System.getProperty("plugboard.it.dir"),
            "restart-" + System.getProperty("plugboard.it.database"));
    Path dataDir = dir.resolve("data");
    deleteRecursively(dir);
    Files.createDirectories(dir);
    Path war = dir.resolve("ROOT.war");
    Deployments.platform().as(ZipExporter.class).exportTo(war.toFile(), true);
    Map<String, String> settings = TestDatabase.freshSettings(dataDir);

    String token = "good-" + UUID.randomUUID();
    String operatorKey;
    String connection;
    String tenantKey;
    try (PayaraProcess first = PayaraProcess.start(war, dir.resolve("first.log"), settings)) {
      operatorKey = first.find(OPERATOR_KEY).orElseThrow();
      assertThat(first.output()).contains("No plugboard.master-key is configured");
      Path masterKey = dataDir.resolve("master.key");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(masterKey)))
          .isEqualTo("rw-------");

      Api operator = Api.at(first.port()).as(operatorKey);
      Reply tenant = operator.post("api/v1/tenants", "{\"name\": \"restart\"}");
      String tenantId = tenant.json().getString("id");
      tenantKey =
          operator.post("api/v1/tenants/" + tenantId + "/api-keys", "").json().getString("key");
      Reply installed =
          Api.at(first.port())
              .as(tenantKey)
              .post(
                  "api/v1/tenants/" + tenantId + "/connections",
                  """
                  {"connectorId": "sample", "name": "Survivor",
                   "setup": {"endpoint": "https://survivor.test", "apiToken": "%s"}}
                  """
                      .formatted(token));
      assertThat(installed.status()).isEqualTo(201);
      connection =
          "api/v1/tenants/" + tenantId + "/connections/" + installed.json().getString("id");
    }

    try (PayaraProcess second = PayaraProcess.start(war, dir.resolve("second.log"), settings)) {
      assertThat(second.find(OPERATOR_KEY)).as("the operator key is shown only once").isEmpty();
      assertThat(second.output()).doesNotContain(token);
      Api tenant = Api.at(second.port()).as(tenantKey);
      Reply kept = tenant.get(connection);
      assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
      assertThat(kept.json().getString("status")).isEqualTo("CONNECTED");
      assertThat(kept.json().getJsonObject("setup").getJsonObject("apiToken").getBoolean("set"))
          .isTrue();
      Reply tested = tenant.post(connection + "/test", "");
      assertThat(tested.json().getBoolean("ok")).as("the secret opens after the restart").isTrue();
      assertThat(Api.at(second.port()).as(operatorKey).get("api/v1/tenants").status())
          .isEqualTo(200);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
