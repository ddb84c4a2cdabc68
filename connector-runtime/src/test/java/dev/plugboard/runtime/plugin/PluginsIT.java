package dev.plugboard.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.runtime.support.Api;
import dev.plugboard.runtime.support.PayaraProcess;
import dev.plugboard.runtime.support.PluginJars;
import dev.plugboard.runtime.support.Reply;
import dev.plugboard.runtime.support.Tenants;
import dev.plugboard.runtime.support.Tenants.TenantKey;
import dev.plugboard.runtime.support.TestDatabase;
import dev.plugboard.runtime.support.TestPlugins;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connector plugins as an operator and a third party use them: jars in the plugins folder of a
 * running platform, each in its own class loader and thread pool. The server is started once with a
 * folder already holding good, conflicting, broken, clashing, incompatible and hostile plugins (and
 * the signed-webhook example compiled from its sources); each test then works with plugins and
 * tenants of its own.
 */
class PluginsIT {

  private static final String JAR = "application/java-archive";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

  private static Path plugins;
  private static TestPlugins build;
  private static PayaraProcess server;
  private static Api api;
  private static Api operator;

  @BeforeAll
  static void startWithAFolderOfPlugins() throws IOException {
    Path dir =
        Path.of(
            System.getProperty("plugboard.it.dir"),
            "plugins-" + System.getProperty("plugboard.it.database"));
    deleteRecursively(dir);
    plugins = Files.createDirectories(dir.resolve("plugins"));
    build = new TestPlugins(new PluginJars(Files.createDirectories(dir.resolve("build"))));

    place(build.signedWebhook(), "signed-webhook");
    place(build.greeter("greeter-one", "1"), "greeter-one");
    place(build.greeter("greeter-two", "2"), "greeter-two");
    place(build.hostile("thrower"), "thrower");
    place(build.hostile("hanger"), "hanger");
    place(build.hostile("sleeper"), "sleeper");
    place(build.broken(), "broken");
    place(build.impostor(), "impostor");
    place(build.fromTheFuture(), "from-the-future");
    place(build.neverLoads(), "never-loads");

    int port = PayaraProcess.freePort();
    Map<String, String> settings = new HashMap<>(TestDatabase.freshSettings(dir.resolve("data")));
    settings.put("plugboard.service-domain", "http://127.0.0.1:" + port);
    settings.put("plugboard.admin.api-key", Api.operatorKey());
    settings.put("plugboard.plugins.dir", plugins.toString());
    settings.put("plugboard.plugins.call-timeout", CALL_TIMEOUT.toString());
    settings.put("plugboard.plugins.threads", "2");
    settings.put("plugboard.plugins.queue", "2");
    settings.put("plugboard.plugins.poll-interval", "PT0.5S");
    settings.put("plugboard.plugins.max-jar-bytes", Integer.toString(1024 * 1024));
    server =
        PayaraProcess.start(
            Path.of(System.getProperty("plugboard.it.war")),
            dir.resolve("server.log"),
            settings,
            port);
    api = Api.at(server.port());
    operator = api.as(Api.operatorKey());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void loadsTheFolderAtStartAndReportsEachRefusalWithItsReasonWhileTheRestWorks() {
    Reply list = operator.get("api/v1/plugins");
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    Map<String, JsonObject> byId = new HashMap<>();
    list.json().getJsonArray("items").forEach(p -> byId.put(id(p), p.asJsonObject()));
    assertThat(byId)
        .containsKeys(
            "broken",
            "from-the-future",
            "greeter-one",
            "greeter-two",
            "hanger",
            "impostor",
            "never-loads",
            "signed-webhook",
            "sleeper",
            "thrower");

    JsonObject signed = byId.get("signed-webhook");
    assertThat(signed.getString("file")).isEqualTo("signed-webhook.jar");
    assertThat(signed.getJsonArray("failures")).isEmpty();
    JsonObject connector = signed.getJsonArray("connectors").getJsonObject(0);
    assertThat(connector.getString("id")).isEqualTo("signed-webhook");
    assertThat(connector.getString("name")).isEqualTo("Signed webhook");
    assertThat(connector.getString("version")).isEqualTo("1.0.0");
    assertThat(signed.getString("loadedAt")).isNotBlank();

    JsonObject broken = onlyFailure(byId.get("broken"));
    assertThat(broken.getString("source")).isEqualTo("broken.jar");
    assertThat(broken.containsKey("connectorId")).isFalse();
    assertThat(broken.getString("reason")).startsWith("it is not a jar file");
    JsonObject impostor = onlyFailure(byId.get("impostor"));
    assertThat(impostor.getString("connectorId")).isEqualTo("facebook-messenger");
    assertThat(impostor.getString("reason"))
        .isEqualTo(
            "duplicate id: a connector with id 'facebook-messenger' is already loaded (it is a"
                + " built-in connector of the platform)");
    JsonObject future = onlyFailure(byId.get("from-the-future"));
    assertThat(future.getString("connectorId")).isEqualTo("future");
    assertThat(future.getString("reason"))
        .isEqualTo("incompatible SPI version: built for SPI 2, this runtime runs SPI 1 to 1");
    assertThat(onlyFailure(byId.get("never-loads")).getString("reason"))
        .startsWith("it did not load within 3 s");

    String log = server.output();
    assertThat(log)
        .contains("Refused plugin 'broken' (broken.jar): it is not a jar file")
        .contains(
            "Refused connector 'facebook-messenger' (com.example.facebookmessenger.SimpleConnector):"
                + " duplicate id")
        .contains(
            "Refused connector 'future' (com.example.future.FutureConnector): incompatible SPI"
                + " version")
        .contains("Refused plugin 'never-loads' (never-loads.jar): it did not load within 3 s")
        .contains("Loaded plugin 'signed-webhook' (signed-webhook.jar): 'signed-webhook' 1.0.0");

    TenantKey tenant = Tenants.create(api);
    Map<String, JsonObject> catalog = catalog(tenant.api());
    assertThat(catalog)
        .containsKeys("facebook-messenger", "signed-webhook", "greeter-one", "greeter-two")
        .doesNotContainKeys("future", "stuck");
    assertThat(catalog.get("facebook-messenger").getString("name"))
        .as("the built-in connector keeps its id")
        .isEqualTo("Facebook Messenger");
    assertThat(tenant.api().get("api/v1/plugins").status()).isEqualTo(403);
    assertThat(api.get("api/v1/plugins").status()).isEqualTo(401);
  }

  @Test
  void twoPluginsUseTheirOwnVersionsOfOneLibraryWithTheirOwnContextClassLoader() {
    TenantKey tenant = Tenants.create(api);
    Map<String, JsonObject> catalog = catalog(tenant.api());
    assertThat(catalog.get("greeter-one").getString("description"))
        .isEqualTo("Says hello with greeting library 1");
    assertThat(catalog.get("greeter-two").getString("description"))
        .isEqualTo("Says hello with greeting library 2");

    assertThat(test(tenant, install(tenant, "greeter-one", "{}")))
        .isEqualTo("greeting 1; PluginClassLoader[greeter-one] sees greeting.properties version 1");
    assertThat(test(tenant, install(tenant, "greeter-two", "{}")))
        .isEqualTo("greeting 2; PluginClassLoader[greeter-two] sees greeting.properties version 2");
  }

  @Test
  void jarsDroppedIntoTheFolderAreLoadedReplacedAndUnloadedWithoutRestart() throws IOException {
    TenantKey tenant = Tenants.create(api);
    Path jar = plugins.resolve("dropped.jar");
    // Written in place rather than moved in: the platform waits until the file stops changing.
    Files.copy(build.simple("dropped-v1", "dropped", "first version"), jar);
    awaitCatalog(tenant, c -> c.containsKey("dropped"));
    assertThat(catalog(tenant.api()).get("dropped").getString("description"))
        .isEqualTo("first version");
    assertThat(operator.get("api/v1/plugins/dropped").json().getString("file"))
        .isEqualTo("dropped.jar");

    Files.copy(
        build.simple("dropped-v2", "dropped", "second version"),
        jar,
        StandardCopyOption.REPLACE_EXISTING);
    awaitCatalog(
        tenant,
        c ->
            c.containsKey("dropped")
                && c.get("dropped").getString("description").equals("second version"));

    Path misnamed = plugins.resolve("Not Valid.jar");
    Files.copy(build.simple("misnamed", "misnamed", "x"), misnamed);
    awaitPlugins(p -> p.containsKey("Not Valid"));
    assertThat(onlyFailure(plugins(operator).get("Not Valid")).getString("reason"))
        .startsWith("its file name must be lowercase letters, digits, dashes and dots");

    Files.delete(jar);
    Files.delete(misnamed);
    awaitCatalog(tenant, c -> !c.containsKey("dropped"));
    awaitPlugins(p -> !p.containsKey("Not Valid"));
    assertThat(operator.get("api/v1/plugins/dropped").status()).isEqualTo(404);
    assertThat(server.output()).contains("Unloaded plugin 'dropped': dropped.jar was removed");
  }

  @Test
  void operatorInstallsReplacesAndRemovesPluginsThroughTheApi() throws IOException {
    TenantKey tenant = Tenants.create(api);
    Reply installed =
        operator.postBytes(
            "api/v1/plugins?name=uploaded",
            bytes(build.simple("uploaded-v1", "uploaded", "first upload")),
            JAR);
    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    assertThat(installed.header("Location")).endsWith("/api/v1/plugins/uploaded");
    assertThat(installed.json().getString("id")).isEqualTo("uploaded");
    assertThat(installed.json().getString("file")).isEqualTo("uploaded.jar");
    assertThat(installed.json().getJsonArray("connectors").getJsonObject(0).getString("id"))
        .isEqualTo("uploaded");
    assertThat(plugins.resolve("uploaded.jar")).exists();
    assertThat(catalog(tenant.api())).containsKey("uploaded");

    Reply replaced =
        operator.postBytes(
            "api/v1/plugins?name=uploaded",
            bytes(build.simple("uploaded-v2", "uploaded", "second upload")),
            JAR);
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(catalog(tenant.api()).get("uploaded").getString("description"))
        .isEqualTo("second upload");

    Reply derived =
        operator.postBytes(
            "api/v1/plugins",
            bytes(build.greeter("greeter-three", "3")),
            "application/octet-stream");
    assertThat(derived.status()).as(derived.toString()).isEqualTo(201);
    assertThat(derived.json().getString("id"))
        .as("named after its first connector")
        .isEqualTo("greeter-three");
    assertThat(test(tenant, install(tenant, "greeter-three", "{}")))
        .isEqualTo(
            "greeting 3; PluginClassLoader[greeter-three] sees greeting.properties version 3");

    Reply disposed =
        operator
            .header("Content-Disposition", "attachment; filename=\"disposed-1.0.jar\"")
            .postBytes(
                "api/v1/plugins", bytes(build.simple("disposed-build", "disposed", "x")), JAR);
    assertThat(disposed.status()).as(disposed.toString()).isEqualTo(201);
    assertThat(disposed.json().getString("id")).isEqualTo("disposed-1.0");
    assertThat(plugins.resolve("disposed-1.0.jar")).exists();

    byte[] large = bytes(build.large("large", "large", 600));
    assertThat(large.length).as("over the API's body limit").isGreaterThan(512 * 1024);
    Reply big = operator.postBytes("api/v1/plugins?name=large", large, JAR);
    assertThat(big.status()).as(big.toString()).isEqualTo(201);

    byte[] jar = bytes(build.simple("tenant-try", "tenant-try", "x"));
    assertThat(tenant.api().postBytes("api/v1/plugins?name=tenant-try", jar, JAR).status())
        .isEqualTo(403);
    assertThat(tenant.api().delete("api/v1/plugins/uploaded").status()).isEqualTo(403);

    assertThat(operator.delete("api/v1/plugins/greeter-three?force=true").status()).isEqualTo(204);
    for (String id : List.of("uploaded", "disposed-1.0", "large")) {
      assertThat(operator.delete("api/v1/plugins/" + id).status()).as(id).isEqualTo(204);
      assertThat(plugins.resolve(id + ".jar")).doesNotExist();
    }
    assertThat(catalog(tenant.api()))
        .doesNotContainKeys("uploaded", "greeter-three", "disposed", "large");
    assertThat(operator.delete("api/v1/plugins/uploaded").status()).isEqualTo(404);
    assertThat(hiddenFiles()).as("no upload left behind").isEmpty();
  }

  @Test
  void uploadsThatCannotRunAreRefusedWithTheReasonAndNotKept() throws IOException {
    Reply notAJar = operator.postBytes("api/v1/plugins?name=junk", bytes(build.broken()), JAR);
    assertThat(notAJar.status()).as(notAJar.toString()).isEqualTo(422);
    assertThat(notAJar.mediaType()).isEqualTo("application/problem+json");
    assertThat(notAJar.json().getString("detail"))
        .startsWith("The plugin was refused: it is not a jar file");

    Reply future =
        operator.postBytes("api/v1/plugins?name=future", bytes(build.fromTheFuture()), JAR);
    assertThat(future.status()).as(future.toString()).isEqualTo(422);
    JsonObject error = future.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("future");
    assertThat(error.getString("message")).startsWith("incompatible SPI version");

    Reply clash =
        operator.postBytes(
            "api/v1/plugins?name=clash",
            bytes(build.simple("clash", "greeter-one", "wants a taken id")),
            JAR);
    assertThat(clash.status()).as(clash.toString()).isEqualTo(422);
    assertThat(clash.json().getJsonArray("errors").getJsonObject(0).getString("message"))
        .endsWith("(plugin 'greeter-one' already provides it)");

    assertThat(
            operator.postBytes("api/v1/plugins?name=Bad_Name", bytes(build.broken()), JAR).status())
        .isEqualTo(400);
    Reply tooLarge = operator.postBytes("api/v1/plugins?name=big", new byte[1024 * 1024 + 1], JAR);
    assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
    assertThat(tooLarge.json().getString("detail"))
        .isEqualTo("The request body is larger than the limit of 1048576 bytes.");
    assertThat(operator.post("api/v1/plugins", "{}").status()).isEqualTo(415);

    for (String id : List.of("junk", "future", "clash", "big")) {
      assertThat(plugins.resolve(id + ".jar")).doesNotExist();
      assertThat(operator.get("api/v1/plugins/" + id).status()).isEqualTo(404);
    }
    assertThat(hiddenFiles()).isEmpty();
    assertThat(catalog(Tenants.create(api).api()).get("greeter-one").getString("description"))
        .isEqualTo("Says hello with greeting library 1");
  }

  @Test
  void removingAConnectorWithConnectionsIsRefusedUnlessForcedAndTheyRecoverWithThePlugin()
      throws IOException {
    byte[] jar = bytes(build.simple("in-use-build", "in-use", "has connections"));
    assertThat(operator.postBytes("api/v1/plugins?name=in-use", jar, JAR).status()).isEqualTo(201);
    TenantKey tenant = Tenants.create(api);
    String connection = install(tenant, "in-use", "{}");
    assertThat(tenant.api().get(connection).json().getString("status")).isEqualTo("CONNECTED");

    Reply refused = operator.delete("api/v1/plugins/in-use");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().getString("detail"))
        .contains("connector 'in-use' with 1 connection")
        .contains("force=true");
    Reply renamed =
        operator.postBytes(
            "api/v1/plugins?name=in-use",
            bytes(build.simple("in-use-renamed", "in-use-renamed", "drops in-use")),
            JAR);
    assertThat(renamed.status()).as("a replacement without the connector").isEqualTo(409);
    assertThat(catalog(tenant.api())).containsKey("in-use").doesNotContainKey("in-use-renamed");

    assertThat(operator.delete("api/v1/plugins/in-use?force=true").status()).isEqualTo(204);
    JsonObject stranded = tenant.api().get(connection).json();
    assertThat(stranded.getString("status")).isEqualTo("ERROR");
    assertThat(stranded.getString("statusReason")).isEqualTo("Connector 'in-use' is not installed");
    assertThat(
            tenant.api().get(tenant.path("connections")).json().getJsonArray("items").stream()
                .map(c -> c.asJsonObject().getString("status"))
                .toList())
        .containsExactly("ERROR");
    assertThat(tenant.api().post(connection + "/test", "").status()).isEqualTo(409);
    assertThat(server.output())
        .contains("Removed plugin 'in-use'; connector 'in-use' with 1 connection now show");

    assertThat(operator.postBytes("api/v1/plugins?name=in-use", jar, JAR).status()).isEqualTo(201);
    JsonObject back = tenant.api().get(connection).json();
    assertThat(back.getString("status")).isEqualTo("CONNECTED");
    assertThat(back.containsKey("statusReason")).isFalse();
    assertThat(test(tenant, connection)).isEqualTo("hello from in-use");
  }

  @Test
  void aConnectorThatThrowsIsContainedAndReportedWithoutItsMessage() {
    TenantKey tenant = Tenants.create(api);
    String connection = install(tenant, "thrower", "{}");
    Pattern errorId =
        Pattern.compile("Connector 'thrower' failed unexpectedly\\. Quote error id (\\S+) to the");
    for (String behaviour : List.of("throw", "linkage")) {
      Reply failed =
          tenant
              .api()
              .post(
                  connection + "/setup/validate", "{\"validateBehaviour\": \"" + behaviour + "\"}");
      assertThat(failed.status()).as(failed.toString()).isEqualTo(502);
      assertThat(failed.mediaType()).isEqualTo("application/problem+json");
      assertThat(failed.body()).doesNotContain("internal detail 42").doesNotContain("Missing");
      Matcher id = errorId.matcher(failed.json().getString("detail"));
      assertThat(id.find()).as(failed.body()).isTrue();
      assertThat(server.output())
          .contains(
              "Connector 'thrower' (plugin 'thrower') failed in validate, error id " + id.group(1));
    }
    assertThat(server.output()).contains("internal detail 42");

    Reply setup = tenant.api().put(connection + "/setup", "{\"testBehaviour\": \"throw\"}");
    assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
    JsonObject tested = tenant.api().post(connection + "/test", "").json();
    assertThat(tested.getBoolean("ok")).isFalse();
    assertThat(tested.getString("message")).matches(errorId.pattern() + ".*");

    Reply action = tenant.api().post(connection + "/actions/act", "{\"behaviour\": \"throw\"}");
    assertThat(action.status()).as(action.toString()).isEqualTo(502);
    assertThat(action.json().getString("detail")).matches(errorId.pattern() + ".*");

    assertThat(
            tenant.api().put(connection + "/setup", "{\"webhookBehaviour\": \"throw\"}").status())
        .isEqualTo(200);
    String webhook = webhookPath(tenant, connection);
    Reply handshake = api.get(webhook + "?challenge=abc");
    assertThat(handshake.status()).as(handshake.toString()).isEqualTo(502);
    assertThat(handshake.mediaType()).isEqualTo("application/problem+json");
    assertThat(handshake.body()).doesNotContain("internal detail 42").doesNotContain("Exception");
    Reply delivery = api.postBytes(webhook, "{}".getBytes(), "application/json");
    assertThat(delivery.status()).as("not acknowledged: the provider retries").isEqualTo(502);
    assertThat(server.output())
        .contains("Connector 'thrower' (plugin 'thrower') failed in handshake")
        .contains("Connector 'thrower' (plugin 'thrower') failed in verify");

    Reply fine = tenant.api().post(connection + "/setup/validate", "{\"testBehaviour\": \"ok\"}");
    assertThat(fine.status()).as("the plugin still answers").isEqualTo(200);
    assertThat(fine.json().getBoolean("valid")).isTrue();
  }

  @Test
  void aConnectorsOwnRefusalOfADeliveryReachesTheSenderInUtf8() {
    TenantKey tenant = Tenants.create(api);
    String connection = install(tenant, "thrower", "{}");
    String reason = "Zustellung abgelehnt – 配信を拒否しました ✓ 🙂";

    Reply refused =
        api.postBytes(
            webhookPath(tenant, connection),
            ("refuse:" + reason).getBytes(StandardCharsets.UTF_8),
            "text/plain");

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.header("content-type"))
        .isEqualToIgnoringWhitespace("application/problem+json;charset=UTF-8");
    assertThat(refused.json().getString("detail")).isEqualTo(reason);
  }

  @Test
  void aFloodOfForgedDeliveriesIsLoggedOnceAMinutePerUrl() {
    TenantKey tenant = Tenants.create(api);
    String connection = install(tenant, "thrower", "{}");
    String webhook = webhookPath(tenant, connection);
    String id = connection.substring(connection.lastIndexOf('/') + 1);
    String line = "Refused a webhook delivery of 11 B at the webhook URL of connection " + id;

    for (int i = 0; i < 50; i++) {
      Reply forged = api.postBytes(webhook, "forged:1234".getBytes(StandardCharsets.UTF_8), "x/y");
      assertThat(forged.status()).as(forged.toString()).isEqualTo(401);
      assertThat(forged.json().getString("detail")).endsWith("forged on request");
    }

    assertThat(server.output()).containsOnlyOnce(line + ": forged on request");
  }

  @Test
  void aConnectorThatHangsIsCutOffWithoutStallingOtherTenants() throws Exception {
    TenantKey victim = Tenants.create(api);
    String hanging = install(victim, "hanger", "{}");
    TenantKey other = Tenants.create(api);
    String signed =
        install(
            other,
            "signed-webhook",
            "{\"apiKey\": \"key-1\", \"signingSecret\": \"0123456789abcdef0123\"}");

    ExecutorService callers = Executors.newFixedThreadPool(6);
    try {
      List<Future<Timed>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(
            callers.submit(
                () ->
                    timed(
                        () ->
                            victim
                                .api()
                                .post(
                                    hanging + "/setup/validate",
                                    "{\"validateBehaviour\": \"hang\"}"))));
      }
      Thread.sleep(500);
      // Meanwhile another tenant, another plugin and the platform answer at once.
      for (Timed call :
          List.of(
              timed(() -> other.api().get("api/v1/connectors")),
              timed(() -> other.api().get(signed)),
              timed(() -> other.api().post(signed + "/setup/validate", "{}")),
              timed(() -> victim.api().get(hanging)))) {
        assertThat(call.reply().status()).as(call.reply().toString()).isEqualTo(200);
        assertThat(call.took()).isLessThan(Duration.ofSeconds(2));
      }
      List<Timed> answered = new ArrayList<>();
      for (Future<Timed> call : calls) {
        answered.add(call.get());
      }
      assertThat(answered)
          .allSatisfy(
              call -> {
                assertThat(call.reply().status()).isIn(503, 504);
                assertThat(call.took()).isLessThan(CALL_TIMEOUT.plusSeconds(3));
              });
      assertThat(answered)
          .as("two threads and two places in the queue; the rest turned away at once")
          .filteredOn(call -> call.reply().status() == 503)
          .hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(call -> assertThat(call.took()).isLessThan(Duration.ofSeconds(2)));
      Timed late =
          answered.stream().filter(c -> c.reply().status() == 504).findFirst().orElseThrow();
      assertThat(late.took()).isGreaterThanOrEqualTo(CALL_TIMEOUT.minusMillis(200));
      assertThat(late.reply().json().getString("detail"))
          .isEqualTo("Connector 'hanger' did not answer within 3 s.");
    } finally {
      callers.shutdownNow();
    }
    assertThat(server.output())
        .contains(
            "Connector 'hanger' (plugin 'hanger') did not answer validate within 3 s; the call was"
                + " interrupted")
        .contains("Connector 'hanger' (plugin 'hanger') is busy");

    TenantKey tester = Tenants.create(api);
    String sleeper =
        install(tester, "sleeper", "{\"testBehaviour\": \"hang\", \"webhookBehaviour\": \"hang\"}");
    Timed test = timed(() -> tester.api().post(sleeper + "/test", ""));
    assertThat(test.reply().json().getBoolean("ok")).isFalse();
    assertThat(test.reply().json().getString("message"))
        .isEqualTo("Connector 'sleeper' did not answer within 3 s.");
    assertThat(test.took()).isLessThan(CALL_TIMEOUT.plusSeconds(3));
    String webhook = webhookPath(tester, sleeper);
    Timed delivery = timed(() -> api.postBytes(webhook, "{}".getBytes(), "application/json"));
    assertThat(delivery.reply().status()).as(delivery.reply().toString()).isEqualTo(504);
    assertThat(delivery.took()).isLessThan(CALL_TIMEOUT.plusSeconds(3));
    Timed action =
        timed(() -> tester.api().post(sleeper + "/actions/act", "{\"behaviour\": \"hang\"}"));
    assertThat(action.reply().status()).as(action.reply().toString()).isEqualTo(504);
    assertThat(action.reply().json().getString("detail"))
        .isEqualTo("Connector 'sleeper' did not answer within 3 s.");
    assertThat(action.took()).isLessThan(CALL_TIMEOUT.plusSeconds(3));
    assertThat(operator.get("health/ready").status()).isEqualTo(200);
  }

  @Test
  void theSignedWebhookExampleIsListedSetUpAndReceivesSignedWebhooks() {
    TenantKey tenant = Tenants.create(api);
    JsonObject card = catalog(tenant.api()).get("signed-webhook");
    assertThat(card.getString("name")).isEqualTo("Signed webhook");
    assertThat(card.getString("authorization")).isEqualTo("api-key");
    assertThat(card.getString("iconUrl")).startsWith("data:image/svg+xml;base64,");
    assertThat(card.getJsonArray("categories").getString(0)).isEqualTo("webhooks");
    assertThat(
            card.getJsonArray("authFields").stream()
                .map(f -> f.asJsonObject().getString("key"))
                .toList())
        .containsExactly(
            "apiKey", "signingSecret", "verifyToken", "signatureHeader", "signaturePrefix");
    assertThat(card.getJsonArray("authFields").getJsonObject(3).getString("default"))
        .isEqualTo("X-Signature-256");
    assertThat(card.getJsonObject("capabilities").getBoolean("webhooks")).isTrue();
    assertThat(card.getJsonObject("capabilities").getBoolean("connectionTest")).isTrue();

    Reply weak =
        tenant
            .api()
            .post(
                tenant.path("connections"),
                "{\"connectorId\": \"signed-webhook\", \"name\": \"Weak\","
                    + " \"setup\": {\"apiKey\": \"k\", \"signingSecret\": \"short\"}}");
    assertThat(weak.status()).as(weak.toString()).isEqualTo(422);
    assertThat(weak.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("signingSecret");

    String secret = "whsec-" + java.util.UUID.randomUUID();
    String connection = install(tenant, "signed-webhook", "{\"apiKey\": \"key-live-42\"}");
    assertThat(tenant.api().get(connection).json().getString("status")).isEqualTo("NEEDS_SETUP");
    Reply invalid =
        tenant
            .api()
            .post(connection + "/setup/validate", "{\"signatureHeader\": \"not a header\"}");
    assertThat(invalid.json().getBoolean("valid")).isFalse();
    assertThat(
            invalid.json().getJsonArray("errors").stream()
                .map(e -> e.asJsonObject().getString("field"))
                .toList())
        .contains("signatureHeader", "signingSecret");

    Reply saved =
        tenant
            .api()
            .put(
                connection + "/setup",
                "{\"signingSecret\": \"" + secret + "\", \"verifyToken\": \"vt-" + secret + "\"}");
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    JsonObject view = saved.json();
    assertThat(view.getString("status")).isEqualTo("CONNECTED");
    assertThat(view.getJsonObject("setup").getJsonObject("signingSecret").getBoolean("set"))
        .isTrue();
    assertThat(view.getString("webhookUrl")).contains("/webhooks/");
    assertThat(saved.body()).doesNotContain(secret);

    JsonObject tested = tenant.api().post(connection + "/test", "").json();
    assertThat(tested.getBoolean("ok")).as(tested.toString()).isTrue();
    assertThat(tested.getString("message"))
        .isEqualTo(
            "Ready: deliveries signed with HMAC-SHA256 in the X-Signature-256 header are accepted,"
                + " and URL verification requests are answered.");

    // The sending service verifies the URL, then delivers signed events.
    String webhook = webhookPath(tenant, connection);
    Reply handshake = api.get(webhook + "?challenge=c-42&token=vt-" + secret);
    assertThat(handshake.status()).as(handshake.toString()).isEqualTo(200);
    assertThat(handshake.body()).isEqualTo("c-42");
    assertThat(api.get(webhook + "?challenge=c-42&token=wrong").status()).isEqualTo(403);

    byte[] single = "{\"id\": \"evt_1\", \"type\": \"invoice.paid\", \"amount\": 42}".getBytes();
    Reply delivered =
        api.header("X-Signature-256", sign(secret, single))
            .postBytes(webhook, single, "application/json");
    assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    assertThat(delivered.json().getInt("stored")).isEqualTo(1);
    Reply replayed =
        api.header("X-Signature-256", sign(secret, single))
            .postBytes(webhook, single, "application/json");
    assertThat(replayed.json().getInt("stored")).as("a replay is stored once").isZero();
    byte[] tampered = new String(single).replace("42", "43").getBytes();
    assertThat(
            api.header("X-Signature-256", sign(secret, single))
                .postBytes(webhook, tampered, "application/json")
                .status())
        .isEqualTo(401);
    byte[] batch = "[{\"type\": \"a\", \"n\": 1}, {\"type\": \"b\", \"n\": 2}]".getBytes();
    Reply two =
        api.header("X-Signature-256", sign(secret, batch))
            .postBytes(webhook, batch, "application/json");
    assertThat(two.json().getInt("stored")).isEqualTo(2);

    Reply sample = tenant.api().post(connection + "/test-event", "");
    assertThat(sample.status()).as(sample.toString()).isEqualTo(200);
    assertThat(sample.json().getBoolean("delivered")).isTrue();

    List<JsonObject> events =
        tenant.api().get(connection + "/events").json().getJsonArray("items").stream()
            .map(JsonValue::asJsonObject)
            .toList();
    assertThat(events)
        .extracting(e -> e.getString("kind"))
        .containsExactly("invoice.paid", "a", "b", "plugboard.test");
    assertThat(events.get(0).getString("externalId")).isEqualTo("evt_1");
    assertThat(events.get(0).getJsonObject("payload").getInt("amount")).isEqualTo(42);
    assertThat(events.get(1).getString("externalId")).hasSize(64);
    assertThat(events.get(3).getString("externalId")).startsWith("plugboard-test-");
  }

  private static String sign(String secret, byte[] body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** The path of a connection's webhook URL on this server. */
  private static String webhookPath(TenantKey tenant, String connection) {
    String url = tenant.api().get(connection).json().getString("webhookUrl");
    return java.net.URI.create(url).getPath().substring(1);
  }

  // --- helpers -----------------------------------------------------------------------------

  /** A reply and how long it took. */
  private record Timed(Reply reply, Duration took) {}

  private static Timed timed(java.util.function.Supplier<Reply> call) {
    long start = System.nanoTime();
    Reply reply = call.get();
    return new Timed(reply, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Installs a connection and returns its path. */
  private static String install(TenantKey tenant, String connectorId, String setup) {
    Reply created =
        tenant
            .api()
            .post(
                tenant.path("connections"),
                "{\"connectorId\": \""
                    + connectorId
                    + "\", \"name\": \""
                    + connectorId
                    + " connection\", \"setup\": "
                    + setup
                    + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return tenant.path("connections/" + created.json().getString("id"));
  }

  /** Runs a connection's test and returns its message, which must say it passed. */
  private static String test(TenantKey tenant, String connection) {
    JsonObject result = tenant.api().post(connection + "/test", "").json();
    assertThat(result.getBoolean("ok")).as(result.toString()).isTrue();
    return result.getString("message");
  }

  private static Map<String, JsonObject> catalog(Api as) {
    Reply reply = as.get("api/v1/connectors");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    Map<String, JsonObject> byId = new HashMap<>();
    reply.json().getJsonArray("items").forEach(c -> byId.put(id(c), c.asJsonObject()));
    return byId;
  }

  private static Map<String, JsonObject> plugins(Api as) {
    Map<String, JsonObject> byId = new HashMap<>();
    as.get("api/v1/plugins")
        .json()
        .getJsonArray("items")
        .forEach(p -> byId.put(id(p), p.asJsonObject()));
    return byId;
  }

  private static void awaitCatalog(TenantKey tenant, Predicate<Map<String, JsonObject>> until) {
    await(() -> until.test(catalog(tenant.api())), "the catalog");
  }

  private static void awaitPlugins(Predicate<Map<String, JsonObject>> until) {
    await(() -> until.test(plugins(operator)), "the plugin list");
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not change within 15 s");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }

  private static JsonObject onlyFailure(JsonObject plugin) {
    assertThat(plugin.getJsonArray("connectors")).as(plugin.toString()).isEmpty();
    assertThat(plugin.getJsonArray("failures")).as(plugin.toString()).hasSize(1);
    return plugin.getJsonArray("failures").getJsonObject(0);
  }

  private static String id(JsonValue value) {
    return value.asJsonObject().getString("id");
  }

  private static List<Path> hiddenFiles() throws IOException {
    try (Stream<Path> files = Files.list(plugins)) {
      return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
    }
  }

  private static void place(Path jar, String id) throws IOException {
    Files.copy(jar, plugins.resolve(id + ".jar"));
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
