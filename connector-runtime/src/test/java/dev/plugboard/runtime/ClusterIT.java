package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plugboard.connector.facebook.fake.FakeGraphApi;
import dev.plugboard.connector.facebook.fake.MessengerDeliveries;
import dev.plugboard.runtime.support.Api;
import dev.plugboard.runtime.support.Deployments;
import dev.plugboard.runtime.support.Messenger;
import dev.plugboard.runtime.support.PayaraProcess;
import dev.plugboard.runtime.support.Reply;
import dev.plugboard.runtime.support.Tenants;
import dev.plugboard.runtime.support.Tenants.TenantKey;
import dev.plugboard.runtime.support.TestDatabase;
import dev.plugboard.runtime.support.TestRunServices;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two platform instances on one machine sharing one PostgreSQL database, clustered through Payara's
 * data grid on loopback, as the README describes: an OAuth state issued by one is accepted at the
 * other's callback, a setup changed on one is honoured by the other at once, deliveries spread over
 * both (the same delivery to both at the same moment included) are stored once, and killing one
 * loses no acknowledged event. The instances share the master key and the operator key by
 * configuration, and the service domain stands for the load balancer in front of them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final String JSON = "application/json";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static PayaraProcess a;
  private static PayaraProcess b;
  private static Api atA;
  private static Api atB;

  @BeforeAll
  static void startTwoInstances() throws Exception {
    assumeTrue(TestDatabase.isPostgres(), "several instances share a PostgreSQL database");
    Path dir = Path.of(System.getProperty("plugboard.it.dir"), "cluster");
    Files.createDirectories(dir);
    Path war = dir.resolve("ROOT.war");
    Deployments.platform().as(ZipExporter.class).exportTo(war.toFile(), true);

    int portA = PayaraProcess.freePort();
    int portB = PayaraProcess.freePort();
    int gridA = PayaraProcess.freePort();
    int gridB = PayaraProcess.freePort();
    byte[] masterKey = new byte[32];
    new SecureRandom().nextBytes(masterKey);
    Map<String, String> shared = new HashMap<>(TestDatabase.freshSettings(dir.resolve("data")));
    shared.put("plugboard.master-key", Base64.getEncoder().encodeToString(masterKey));
    shared.put("plugboard.admin.api-key", Api.operatorKey());
    shared.put("plugboard.service-domain", "http://127.0.0.1:" + portA);
    shared.put("plugboard.facebook.graph-url", TestRunServices.graph().baseUrl());
    shared.put("plugboard.facebook.dialog-url", TestRunServices.graph().baseUrl());
    shared.put("plugboard.plugins.dir", dir.resolve("no-plugins").toString());
    String name = "plugboard-cluster-it-" + UUID.randomUUID();
    List<Integer> members = List.of(gridA, gridB);

    // B is started once A's data grid is up, while A deploys: two members starting at the same
    // moment each form a grid of their own and merge only minutes later.
    a =
        PayaraProcess.launch(
            war,
            dir.resolve("a.log"),
            dataDir(shared, dir.resolve("a")),
            portA,
            new PayaraProcess.Grid(name, gridA, members));
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!a.output().contains("DG Size: 1") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    b =
        PayaraProcess.launch(
            war,
            dir.resolve("b.log"),
            dataDir(shared, dir.resolve("b")),
            portB,
            new PayaraProcess.Grid(name, gridB, members));
    a.awaitReady();
    b.awaitReady();
    atA = Api.at(portA);
    atB = Api.at(portB);
    awaitGridOfTwo();
  }

  @AfterAll
  static void stop() {
    for (PayaraProcess server : new PayaraProcess[] {a, b}) {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  @Order(1)
  void anOAuthStateIssuedByOneInstanceIsAcceptedAtTheOthersCallback() {
    TestRunServices.graph().reset().autoApprove(true);
    TenantKey tenant = Tenants.create(atA);
    String path = Messenger.install(tenant);

    Reply started = tenant.api().post(path + "/authorize", "");
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    HttpResponse<String> dialog = Messenger.open(started.json().getString("authorizationUrl"));
    assertThat(dialog.statusCode()).as(dialog.body()).isEqualTo(302);
    String callback = belowRoot(dialog.headers().firstValue("Location").orElseThrow());

    Reply atOther = atB.get(callback);
    assertThat(atOther.status()).as(atOther.toString()).isEqualTo(303);
    assertThat(atOther.header("Location")).contains("authorized=1");
    Reply read = atB.as(tenant.key()).get(path);
    assertThat(read.json().getString("status")).isEqualTo("CONNECTED");

    Reply replayed = atA.get(callback);
    assertThat(replayed.status()).as("a state is used once, cluster-wide").isEqualTo(400);
  }

  @Test
  @Order(2)
  void aSetupChangedOnOneInstanceIsHonouredByTheOtherAtOnce() throws Exception {
    TenantKey tenant = Tenants.create(atA);
    String oldSecret = "old-secret-" + UUID.randomUUID();
    String oldToken = "old-token-" + UUID.randomUUID();
    String path = Messenger.install(tenant, oldSecret, oldToken);
    String hook = webhookPath(tenant, path);
    assertThat(deliver(b, hook, oldSecret).statusCode())
        .as("B has read and kept the setup")
        .isEqualTo(200);
    assertThat(handshake(b, hook, oldToken)).isEqualTo(200);

    String newSecret = "new-secret-" + UUID.randomUUID();
    String newToken = "new-token-" + UUID.randomUUID();
    Messenger.changeSetup(tenant, path, newSecret, newToken);

    // At once, no waiting: B checks a refused delivery against the database before refusing it.
    assertThat(deliver(b, hook, newSecret).statusCode()).isEqualTo(200);
    assertThat(handshake(b, hook, newToken)).isEqualTo(200);
    // The old values are refused as soon as the change's announcement reaches B (a message on the
    // data grid, milliseconds on loopback); bounded here so a lost announcement fails the test.
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    int old;
    do {
      old = deliver(b, hook, oldSecret).statusCode();
    } while (old == 200 && System.nanoTime() < deadline);
    assertThat(old).as("the old secret, on B").isEqualTo(401);
    assertThat(handshake(b, hook, oldToken)).as("the old verify token, on B").isEqualTo(403);
    assertThat(deliver(a, hook, oldSecret).statusCode()).as("on A").isEqualTo(401);
  }

  @Test
  @Order(3)
  void deliveriesSpreadOverBothInstancesAreStoredOnce() throws Exception {
    TenantKey tenant = Tenants.create(atA);
    String path = Messenger.install(tenant);
    String hook = webhookPath(tenant, path);
    String page = Messenger.newPageId();
    int count = 120;
    Map<String, Integer> storedByMid = new ConcurrentHashMap<>();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String mid = "m_spread_" + i + "_" + UUID.randomUUID();
        byte[] body =
            MessengerDeliveries.textMessage(page, "24680", mid, "hi " + i, 1_700_000_000_000L + i);
        // Every third delivery reaches both instances at the same moment, as a provider's retry
        // racing its first attempt would; the others go to one or the other.
        List<PayaraProcess> to = i % 3 == 0 ? List.of(a, b) : List.of(i % 3 == 1 ? a : b);
        for (PayaraProcess server : to) {
          sent.add(
              senders.submit(
                  () -> {
                    HttpResponse<String> answer = post(server, hook, body, FakeGraphApi.APP_SECRET);
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    storedByMid.merge(mid, stored(answer), Integer::sum);
                    return null;
                  }));
        }
      }
      for (Future<?> f : sent) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      senders.shutdownNow();
    }

    assertThat(storedByMid).hasSize(count);
    assertThat(storedByMid.values()).as("each stored by exactly one answer").containsOnly(1);
    List<String> ids = externalIds(atB.as(tenant.key()), path);
    assertThat(ids).hasSize(count).doesNotHaveDuplicates();
    assertThat(externalIds(atA.as(tenant.key()), path)).isEqualTo(ids);
  }

  @Test
  @Order(4)
  void killingOneInstanceLosesNoAcknowledgedEvent() throws Exception {
    TenantKey tenant = Tenants.create(atA);
    String path = Messenger.install(tenant);
    String hook = webhookPath(tenant, path);
    String page = Messenger.newPageId();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Map<String, byte[]> unacknowledged = new ConcurrentHashMap<>();
    AtomicBoolean sending = new AtomicBoolean(true);
    ExecutorService senders = Executors.newFixedThreadPool(8);
    List<Future<Integer>> workers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      workers.add(
          senders.submit(
              () -> {
                int n = 0;
                while (sending.get()) {
                  String mid = "m_kill_" + thread + "_" + n + "_" + UUID.randomUUID();
                  byte[] body =
                      MessengerDeliveries.textMessage(page, "24680", mid, "hi", 1_700_000_000_000L);
                  PayaraProcess to = (thread + n++) % 2 == 0 ? a : b;
                  try {
                    HttpResponse<String> answer = post(to, hook, body, FakeGraphApi.APP_SECRET);
                    if (answer.statusCode() == 200) {
                      acknowledged.add(mid);
                    } else {
                      unacknowledged.put(mid, body);
                    }
                  } catch (IOException e) { // the killed instance: refused, reset, cut off
                    unacknowledged.put(mid, body);
                  }
                }
                return n;
              }));
    }
    Thread.sleep(3_000);
    int beforeKill = acknowledged.size();
    a.kill();
    Thread.sleep(3_000);
    sending.set(false);
    int sent = 0;
    for (Future<Integer> w : workers) {
      sent += w.get(1, TimeUnit.MINUTES);
    }
    senders.shutdownNow();

    assertThat(a.alive()).isFalse();
    assertThat(beforeKill).as("deliveries were acknowledged before the kill").isPositive();
    assertThat(unacknowledged).as("deliveries to the killed instance failed").isNotEmpty();
    Api tenantAtB = atB.as(tenant.key());
    List<String> stored = externalIds(tenantAtB, path);
    assertThat(stored).doesNotHaveDuplicates();
    Set<String> missing = new HashSet<>(acknowledged);
    missing.removeAll(stored);
    assertThat(missing).as("acknowledged but not stored").isEmpty();

    // The provider sends again what was not acknowledged; the surviving instance takes it all.
    for (Map.Entry<String, byte[]> again : unacknowledged.entrySet()) {
      assertThat(post(b, hook, again.getValue(), FakeGraphApi.APP_SECRET).statusCode())
          .isEqualTo(200);
    }
    List<String> afterRetries = externalIds(tenantAtB, path);
    assertThat(afterRetries).hasSize(sent).doesNotHaveDuplicates();
    assertThat(atB.get("health/ready").status()).isEqualTo(200);
  }

  private static Map<String, String> dataDir(Map<String, String> shared, Path dataDir) {
    Map<String, String> settings = new HashMap<>(shared);
    settings.put("plugboard.data-dir", dataDir.toString());
    return settings;
  }

  /** Until both members have seen each other: a grid of one would pass no message between them. */
  private static void awaitGridOfTwo() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!(a.output().contains("DG Size: 2") && b.output().contains("DG Size: 2"))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the two instances did not form one data grid; see their logs");
      }
      Thread.sleep(250);
    }
  }

  private static String belowRoot(String url) {
    URI uri = URI.create(url);
    return uri.getRawPath().substring(1) + "?" + uri.getRawQuery();
  }

  /** The connection's webhook URL (under the service domain) as a path below either server. */
  private static String webhookPath(TenantKey tenant, String connectionPath) {
    String url = tenant.api().get(connectionPath).json().getString("webhookUrl");
    return URI.create(url).getRawPath().substring(1);
  }

  private static HttpResponse<String> deliver(PayaraProcess server, String hook, String secret)
      throws IOException, InterruptedException {
    byte[] body =
        MessengerDeliveries.textMessage(
            Messenger.newPageId(), "24680", "m_" + UUID.randomUUID(), "hello", 1_700_000_000_000L);
    return post(server, hook, body, secret);
  }

  private static HttpResponse<String> post(
      PayaraProcess server, String hook, byte[] body, String secret)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/" + hook))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", JSON)
            .header(MessengerDeliveries.SIGNATURE_HEADER, MessengerDeliveries.sign(secret, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int handshake(PayaraProcess server, String hook, String token)
      throws IOException, InterruptedException {
    String challenge = Integer.toString(new SecureRandom().nextInt(1_000_000));
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:%d/%s?hub.mode=subscribe&hub.verify_token=%s&hub.challenge=%s"
                            .formatted(server.port(), hook, token, challenge)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() == 200) {
      assertThat(answer.body()).isEqualTo(challenge);
    }
    return answer.statusCode();
  }

  private static int stored(HttpResponse<String> answer) {
    return jakarta.json.Json.createReader(new java.io.StringReader(answer.body()))
        .readObject()
        .getInt("stored");
  }

  /** Every event of the connection, in order, through the cursor-paged API. */
  private static List<String> externalIds(Api tenant, String connectionPath) {
    List<String> ids = new ArrayList<>();
    String next = null;
    do {
      Reply page =
          tenant.get(connectionPath + "/events?limit=500" + (next == null ? "" : "&after=" + next));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      JsonObject json = page.json();
      json.getJsonArray("items").forEach(e -> ids.add(e.asJsonObject().getString("externalId")));
      next = json.containsKey("next") ? json.getString("next") : null;
    } while (next != null);
    return Collections.unmodifiableList(ids);
  }
}
