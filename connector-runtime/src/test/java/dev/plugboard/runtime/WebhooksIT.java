package dev.plugboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.connector.facebook.fake.FakeGraphApi;
import dev.plugboard.connector.facebook.fake.MessengerDeliveries;
import dev.plugboard.runtime.event.control.EventOrder;
import dev.plugboard.runtime.support.Api;
import dev.plugboard.runtime.support.Deployments;
import dev.plugboard.runtime.support.Messenger;
import dev.plugboard.runtime.support.Reply;
import dev.plugboard.runtime.support.Tenants;
import dev.plugboard.runtime.support.Tenants.TenantKey;
import dev.plugboard.runtime.support.TestDatabase;
import dev.plugboard.runtime.support.TestRunServices;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks end to end, as Facebook sends them (bodies escaped and signed the way Meta does): the
 * verification handshake, signed deliveries to a connection's URL and to the operator's shared-app
 * URL (routed by Page to the connections authorized for it, unknown Pages kept aside), what is
 * refused and stored nothing, duplicates, size limits, the events list and test events.
 */
@ExtendWith(ArquillianExtension.class)
class WebhooksIT {

  private static final String SIGNATURE = MessengerDeliveries.SIGNATURE_HEADER;
  private static final String JSON = "application/json";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.platform();
  }

  @ArquillianResource URL url;

  private final FakeGraphApi graph = TestRunServices.graph();
  private Api api;
  private Api operator;

  @BeforeEach
  void connect() {
    graph.reset();
    api = Api.at(url);
    operator = api.as(Api.operatorKey());
  }

  @Test
  void theHandshakeEchoesTheChallengeOnlyForTheRightToken() {
    TenantKey tenant = Tenants.create(api);
    String token = "verify-" + UUID.randomUUID();
    String path = Messenger.install(tenant, FakeGraphApi.APP_SECRET, token);
    String hook = webhookPath(tenant, path);

    Reply accepted = api.get(hook + handshake("subscribe", token, "1158201444"));
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.mediaType()).isEqualTo("text/plain");
    assertThat(accepted.body()).isEqualTo("1158201444");

    Reply wrong = api.get(hook + handshake("subscribe", token + "x", "1158201444"));
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.body()).doesNotContain("1158201444", token);
    assertThat(api.get(hook + "?hub.mode=subscribe&hub.challenge=1").status()).isEqualTo(400);
    assertThat(api.get(hook).status()).isEqualTo(400);
    assertThat(api.get(hook + handshake("unsubscribe", token, "1")).status()).isEqualTo(400);

    Reply unknown = api.get("webhooks/" + "Z".repeat(43) + handshake("subscribe", token, "1"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEmpty();
  }

  /**
   * A single server runs without a data grid, and keeps each connection's setup in memory: a
   * changed App Secret or Verify Token must still be honoured, and the old one refused, at once.
   */
  @Test
  void aChangedSetupIsHonouredAndTheOldOneRefusedAtOnce() {
    TenantKey tenant = Tenants.create(api);
    String oldSecret = "old-secret-" + UUID.randomUUID();
    String oldToken = "old-token-" + UUID.randomUUID();
    String path = Messenger.install(tenant, oldSecret, oldToken);
    String hook = webhookPath(tenant, path);
    byte[] first =
        MessengerDeliveries.textMessage(
            Messenger.newPageId(), "1", "m_" + UUID.randomUUID(), "a", 1L);
    assertThat(deliver(hook, first, MessengerDeliveries.sign(oldSecret, first)).status())
        .as("the setup is read and kept")
        .isEqualTo(200);
    assertThat(api.get(hook + handshake("subscribe", oldToken, "7")).status()).isEqualTo(200);

    String newSecret = "new-secret-" + UUID.randomUUID();
    String newToken = "new-token-" + UUID.randomUUID();
    Messenger.changeSetup(tenant, path, newSecret, newToken);

    byte[] next =
        MessengerDeliveries.textMessage(
            Messenger.newPageId(), "1", "m_" + UUID.randomUUID(), "b", 2L);
    assertThat(deliver(hook, next, MessengerDeliveries.sign(oldSecret, next)).status())
        .as("the old secret, right after the change")
        .isEqualTo(401);
    assertThat(api.get(hook + handshake("subscribe", oldToken, "7")).status())
        .as("the old verify token")
        .isEqualTo(403);
    assertThat(deliver(hook, next, MessengerDeliveries.sign(newSecret, next)).status())
        .isEqualTo(200);
    assertThat(api.get(hook + handshake("subscribe", newToken, "7")).body()).isEqualTo("7");
  }

  @Test
  void aSignedDeliveryIsStoredOnceWithItsEvent() {
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    String hook = webhookPath(tenant, path);
    String pageId = Messenger.newPageId();
    String mid = "m_" + UUID.randomUUID();
    byte[] body =
        MessengerDeliveries.textMessage(
            pageId, "24680", mid, "Caf\u00e9 \u2713 / \"hi\"", 1_700_000_000_000L);

    Reply delivered = deliver(hook, body, MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, body));
    assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    assertThat(delivered.json().getInt("stored")).isEqualTo(1);

    Reply again = deliver(hook, body, MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, body));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getInt("stored")).as("a replay stores nothing").isZero();

    JsonArray events = events(tenant, path);
    assertThat(events).hasSize(1);
    JsonObject event = events.getJsonObject(0);
    assertThat(event.getString("kind")).isEqualTo("message");
    assertThat(event.getString("externalId")).isEqualTo(mid);
    assertThat(event.getString("routingKey")).isEqualTo(pageId);
    assertThat(event.getString("receivedAt")).isNotBlank();
    assertThat(event.getString("occurredAt")).isEqualTo("2023-11-14T22:13:20Z");
    JsonObject payload = event.getJsonObject("payload");
    assertThat(payload.getJsonObject("message").getString("text"))
        .isEqualTo("Caf\u00e9 \u2713 / \"hi\"");
    assertThat(payload.getJsonObject("sender").getString("id")).isEqualTo("24680");
  }

  /**
   * A delivery to a connection is answered once its events have committed, by the event writer (the
   * request's thread is not held meanwhile), and only to its own sender: one whose sender went away
   * while it waited is stored all the same, and its answer reaches no one else. On H2 the database
   * is inside the server, so the test cannot hold back the commit there.
   */
  @Test
  void aDeliveryIsAnsweredOnlyOnceStoredAndOnlyToItsSender() throws Exception {
    Assumptions.assumeTrue(TestDatabase.isPostgres(), "PostgreSQL run only");
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    String hook = webhookPath(tenant, path);
    String pageId = Messenger.newPageId();
    String gone = "m_" + UUID.randomUUID();
    String waiting = "m_" + UUID.randomUUID();
    byte[] goneBody =
        MessengerDeliveries.textMessage(pageId, "1", gone, "gone", 1_700_000_000_005L);
    byte[] waitingBody =
        MessengerDeliveries.textMessage(pageId, "1", waiting, "waits", 1_700_000_000_006L);
    // Stored once before: answered again, it stores nothing ("stored":0), unlike the delivery whose
    // sender goes away ("stored":1), so an answer that reached the wrong sender would show.
    Reply first =
        deliver(hook, waitingBody, MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, waitingBody));
    assertThat(first.json().getInt("stored")).isEqualTo(1);
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try (Connection other = TestDatabase.connect()) {
      other.setAutoCommit(false);
      EventOrder.lock(other);
      URL target = new URL(url, hook);
      try (Socket socket = new Socket(target.getHost(), target.getPort())) {
        OutputStream out = socket.getOutputStream();
        out.write(signedPost(target, goneBody));
        out.flush();
        socket.setSoTimeout(1000);
        assertThatThrownBy(() -> socket.getInputStream().read())
            .as("answered while its events could not commit")
            .isInstanceOf(SocketTimeoutException.class);
      } // the sender goes away

      Future<Reply> answer =
          sender.submit(
              () ->
                  deliver(
                      hook,
                      waitingBody,
                      MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, waitingBody)));
      assertThatThrownBy(() -> answer.get(1, TimeUnit.SECONDS))
          .as("answered while its events could not commit")
          .isInstanceOf(TimeoutException.class);
      other.commit();
      Reply delivered = answer.get(30, TimeUnit.SECONDS);
      assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
      assertThat(delivered.json().getInt("events")).isEqualTo(1);
      assertThat(delivered.json().getInt("stored")).as("its own answer").isZero();
    } finally {
      sender.shutdownNow();
    }
    assertThat(externalIds(events(tenant, path))).containsExactlyInAnyOrder(gone, waiting);

    Reply replayed =
        deliver(hook, goneBody, MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, goneBody));
    assertThat(replayed.status()).as("the sender that went away sends it again").isEqualTo(200);
    assertThat(replayed.json().getInt("stored")).isZero();
  }

  /**
   * A delivery is answered asynchronously, by a thread that answers every tenant's deliveries, and
   * ending its exchange makes the container go on with the connection on that thread. A request the
   * sender pipelined behind the delivery must not be served there: one that stalls halfway through
   * its body would hold up everyone else. It is refused (503, connection closed, body not read),
   * other tenants' deliveries are answered meanwhile, and sent again on a new connection it is
   * stored; so is an API call. A request sent on a kept-alive connection after the answer is served
   * as usual. On PostgreSQL only: the commit is held back so that both requests are in the
   * connection when the delivery is answered (on H2 the database is inside the server).
   */
  @Test
  void aRequestPipelinedBehindADeliveryIsRefusedAndHoldsUpNoOtherTenant() throws Exception {
    Assumptions.assumeTrue(TestDatabase.isPostgres(), "PostgreSQL run only");
    TenantKey stalling = Tenants.create(api);
    String stallingPath = Messenger.install(stalling);
    String stallingHook = webhookPath(stalling, stallingPath);
    URL target = new URL(url, stallingHook);
    TenantKey other = Tenants.create(api);
    String otherPath = Messenger.install(other);
    String otherHook = webhookPath(other, otherPath);
    String pageId = Messenger.newPageId();
    List<String> stored = new ArrayList<>();
    try (Socket socket = new Socket(target.getHost(), target.getPort())) {
      socket.setSoTimeout(30_000);
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      for (int i = 0; i < 2; i++) { // kept alive: each sent after the previous answer
        String mid = "m_" + UUID.randomUUID();
        stored.add(mid);
        socket
            .getOutputStream()
            .write(signedPost(target, MessengerDeliveries.textMessage(pageId, "1", mid, "k", i)));
        assertThat(answer(in)).isEqualTo("HTTP/1.1 200 OK " + stored(1));
      }
    }

    String first = "m_" + UUID.randomUUID();
    String beforeCall = "m_" + UUID.randomUUID();
    String stalled = "m_" + UUID.randomUUID();
    byte[] stalledBody = MessengerDeliveries.textMessage(pageId, "1", stalled, "stalled", 3L);
    byte[] stalledRequest = signedPost(target, stalledBody);
    int held = 20; // the stalled body's last bytes, sent only at the end
    ByteArrayOutputStream stallingBytes = new ByteArrayOutputStream();
    stallingBytes.write(
        signedPost(target, MessengerDeliveries.textMessage(pageId, "1", first, "first", 2L)));
    stallingBytes.write(stalledRequest, 0, stalledRequest.length - held);
    ByteArrayOutputStream calling = new ByteArrayOutputStream();
    calling.write(
        signedPost(target, MessengerDeliveries.textMessage(pageId, "1", beforeCall, "call", 4L)));
    calling.write(
        ("GET "
                + new URL(url, stallingPath).getPath()
                + " HTTP/1.1\r\nHost: "
                + target.getHost()
                + "\r\nAuthorization: Bearer "
                + stalling.key()
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    List<String> meanwhile = new ArrayList<>();
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try (Socket stallingSocket = new Socket(target.getHost(), target.getPort());
        Socket callingSocket = new Socket(target.getHost(), target.getPort())) {
      stallingSocket.setSoTimeout(30_000);
      callingSocket.setSoTimeout(30_000);
      try (Connection commits = TestDatabase.connect()) { // both arrive before either is answered
        commits.setAutoCommit(false);
        EventOrder.lock(commits);
        stallingSocket.getOutputStream().write(stallingBytes.toByteArray());
        callingSocket.getOutputStream().write(calling.toByteArray());
        awaitWaitingForTheLock(commits);
        Thread.sleep(300); // the second request read too
        commits.commit();
      }
      DataInputStream stallingIn =
          new DataInputStream(new BufferedInputStream(stallingSocket.getInputStream()));
      DataInputStream callingIn =
          new DataInputStream(new BufferedInputStream(callingSocket.getInputStream()));
      assertThat(answer(stallingIn)).isEqualTo("HTTP/1.1 200 OK " + stored(1));
      assertThat(answer(callingIn)).isEqualTo("HTTP/1.1 200 OK " + stored(1));
      stored.add(first);
      stored.add(beforeCall);

      String otherPage = Messenger.newPageId();
      for (int i = 0; i < 3; i++) {
        String mid = "m_" + UUID.randomUUID();
        byte[] body = MessengerDeliveries.textMessage(otherPage, "2", mid, "meanwhile", 5L + i);
        Future<Reply> answer =
            sender.submit(
                () ->
                    deliver(
                        otherHook, body, MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, body)));
        Reply reply;
        try {
          reply = answer.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          throw new AssertionError("another tenant's delivery waited for the stalled body", e);
        }
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getInt("stored")).isEqualTo(1);
        meanwhile.add(mid);
      }

      assertThat(answer(stallingIn))
          .startsWith("HTTP/1.1 503 ")
          .contains("pipelined behind a webhook delivery")
          .contains("new connection");
      // Answered at once; the connection closes once the sender has sent the body it declared.
      stallingSocket.getOutputStream().write(stalledRequest, stalledRequest.length - held, held);
      assertThat(stallingIn.read()).as("closed after the refusal").isEqualTo(-1);
      assertThat(answer(callingIn)).startsWith("HTTP/1.1 503 ").contains("new connection");
      assertThat(callingIn.read()).as("closed after the refusal").isEqualTo(-1);
    } finally {
      sender.shutdownNow();
    }
    assertThat(externalIds(events(other, otherPath)))
        .containsExactlyInAnyOrderElementsOf(meanwhile);
    assertThat(externalIds(events(stalling, stallingPath)))
        .as("the refused one is not stored")
        .containsExactlyInAnyOrderElementsOf(stored);

    Reply again =
        deliver(
            stallingHook,
            stalledBody,
            MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, stalledBody));
    assertThat(again.status()).as("sent again on a new connection").isEqualTo(200);
    assertThat(again.json().getInt("stored")).isEqualTo(1);
    stored.add(stalled);
    assertThat(externalIds(events(stalling, stallingPath)))
        .containsExactlyInAnyOrderElementsOf(stored);
  }

  /** Until a statement waits for a lock this transaction holds (the event writer's insert). */
  private static void awaitWaitingForTheLock(Connection holder) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (var waiting =
          holder
              .createStatement()
              .executeQuery("select count(*) from pg_locks where not granted")) {
        waiting.next();
        if (waiting.getInt(1) > 0) {
          return;
        }
      }
      assertThat(System.nanoTime()).as("the writer waits for the lock").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static String stored(int stored) {
    return "{\"events\":1,\"stored\":" + stored + ",\"unmatched\":0}";
  }

  /** One whole HTTP answer with a Content-Length, as its status line, a space and its body. */
  private static String answer(DataInputStream in) throws IOException {
    String status = line(in);
    int length = -1;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(header.substring("content-length:".length()).trim());
      }
    }
    assertThat(length).as("%s has a length", status).isNotNegative();
    byte[] body = new byte[length];
    in.readFully(body);
    return status + " " + new String(body, StandardCharsets.UTF_8);
  }

  /** One HTTP/1.1 POST of the body to the URL, signed with the App Secret, as raw bytes. */
  private static byte[] signedPost(URL target, byte[] body) {
    byte[] head =
        ("POST "
                + target.getPath()
                + " HTTP/1.1\r\nHost: "
                + target.getHost()
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n"
                + SIGNATURE
                + ": "
                + MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, body)
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] request = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    return request;
  }

  /** One line of an HTTP answer's head, without its CRLF. */
  private static String line(DataInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("the connection closed after: " + line);
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Test
  void theSameDeliveryArrivingManyTimesAtOnceIsStoredOnce() throws Exception {
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    String hook = webhookPath(tenant, path);
    String mid = "m_" + UUID.randomUUID();
    byte[] body =
        MessengerDeliveries.textMessage(
            Messenger.newPageId(), "1", mid, "once", 1_700_000_000_000L);
    String signature = MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, body);
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        replies.add(
            senders.submit(
                () -> {
                  start.await();
                  return deliver(hook, body, signature);
                }));
      }
      start.countDown();
      int stored = 0;
      for (Future<Reply> reply : replies) {
        Reply r = reply.get(60, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        stored += r.json().getInt("stored");
      }
      assertThat(stored).isEqualTo(1);
    } finally {
      senders.shutdownNow();
    }
    assertThat(externalIds(events(tenant, path))).containsExactly(mid);
  }

  @Test
  void deliveriesThatAreNotProvenStoreNothing() throws GeneralSecurityException {
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    String hook = webhookPath(tenant, path);
    byte[] body =
        MessengerDeliveries.textMessage(
            Messenger.newPageId(), "1", "m_" + UUID.randomUUID(), "forged", 1_700_000_000_000L);

    assertRefused(deliver(hook, body, MessengerDeliveries.sign("not-the-app-secret", body)));
    byte[] tampered = body.clone();
    tampered[tampered.length - 5] = (byte) '9';
    assertRefused(deliver(hook, tampered, MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, body)));
    assertRefused(api.postBytes(hook, body, JSON));
    assertRefused(deliver(hook, body, "sha256=" + "0".repeat(64)));
    assertRefused(deliver(hook, body, "sha256="));
    Mac sha1 = Mac.getInstance("HmacSHA1");
    sha1.init(
        new SecretKeySpec(FakeGraphApi.APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    assertRefused(
        api.header("X-Hub-Signature", "sha1=" + HexFormat.of().formatHex(sha1.doFinal(body)))
            .postBytes(hook, body, JSON));

    byte[] notJson = "not json at all".getBytes(StandardCharsets.US_ASCII);
    Reply malformed =
        deliver(hook, notJson, MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, notJson));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.mediaType()).isEqualTo("application/problem+json");

    assertThat(events(tenant, path)).isEmpty();
  }

  @Test
  void oversizedDeliveriesAreRefusedWhetherTheirLengthIsDeclaredOrNot() {
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    String hook = webhookPath(tenant, path);
    String prefix =
        "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"1\"},"
            + "\"recipient\":{\"id\":\"1\"},\"timestamp\":1,\"message\":{\"mid\":\"m_big\",\"text\":\"";
    String suffix = "\"}}]}]}";
    byte[] body =
        (prefix + "x".repeat(1_048_576 + 1 - prefix.length() - suffix.length()) + suffix)
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(body).hasSize(1_048_577);
    String signature = MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, body);

    Reply declared = deliver(hook, body, signature);
    assertThat(declared.status()).isEqualTo(413);
    Reply chunked = api.header(SIGNATURE, signature).postBytesChunked(hook, body, JSON);
    assertThat(chunked.status()).isEqualTo(413);
    assertThat(events(tenant, path)).isEmpty();

    // Just under the limit is fine.
    byte[] fits =
        (prefix + "x".repeat(1_048_576 - prefix.length() - suffix.length()) + suffix)
            .getBytes(StandardCharsets.US_ASCII);
    Reply accepted = deliver(hook, fits, MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, fits));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(events(tenant, path)).hasSize(1);
  }

  @Test
  void theSharedAppRoutesEachPageToTheConnectionsAuthorizedForIt() throws Exception {
    try {
      sharedAppRoutesEachPage();
    } finally {
      // Operator defaults outlive this test: other tests expect a connection without a secret.
      operator.put(
          "api/v1/connectors/facebook-messenger/defaults",
          "{\"clientSecret\": \"\", \"verifyToken\": \"\"}");
    }
  }

  private void sharedAppRoutesEachPage() throws Exception {
    String verify = "shared-verify-" + UUID.randomUUID();
    Reply defaults =
        operator.put(
            "api/v1/connectors/facebook-messenger/defaults",
            "{\"clientSecret\": \"%s\", \"verifyToken\": \"%s\"}"
                .formatted(FakeGraphApi.APP_SECRET, verify));
    assertThat(defaults.status()).as(defaults.toString()).isEqualTo(200);
    String shared = "webhooks/apps/facebook-messenger";
    Reply handshake = api.get(shared + handshake("subscribe", verify, "42"));
    assertThat(handshake.status()).isEqualTo(200);
    assertThat(handshake.body()).isEqualTo("42");
    assertThat(api.get(shared + handshake("subscribe", "nope", "42")).status()).isEqualTo(403);
    assertThat(
            api.get("webhooks/apps/no-such-connector" + handshake("subscribe", verify, "42"))
                .status())
        .isEqualTo(404);

    // Two tenants' connections for Page one (the same Page may be authorized more than once),
    // a third tenant's for Page two.
    String one = Messenger.newPageId();
    String two = Messenger.newPageId();
    String unknown = Messenger.newPageId();
    TenantKey a = Tenants.create(api);
    TenantKey b = Tenants.create(api);
    TenantKey c = Tenants.create(api);
    String aPath = authorizedFor(a, one);
    String cPath = authorizedFor(c, one);
    String bPath = authorizedFor(b, two);

    String m1 = "m_" + UUID.randomUUID();
    String m2 = "m_" + UUID.randomUUID();
    String m3 = "m_" + UUID.randomUUID();
    byte[] body =
        MessengerDeliveries.escapeLikeMeta(
                """
                {"object":"page","entry":[\
                {"id":"%1$s","time":1700000000000,"messaging":[%4$s]},\
                {"id":"%2$s","time":1700000000001,"standby":[%5$s],"messaging":[\
                {"sender":{"id":"7"},"recipient":{"id":"%2$s"},"timestamp":1700000000001,\
                "read":{"watermark":1700000000000}}]},\
                {"id":"%3$s","time":1700000000002,"messaging":[%6$s]}]}"""
                    .formatted(
                        one,
                        two,
                        unknown,
                        message(one, m1, "to page one"),
                        message(two, m2, "standby for two \u00e9"),
                        message(unknown, m3, "nobody's")))
            .getBytes(StandardCharsets.US_ASCII);
    String signature = MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, body);

    Reply delivered = deliver(shared, body, signature);

    assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    assertThat(delivered.json().getInt("events")).isEqualTo(4);
    assertThat(delivered.json().getInt("unmatched")).isEqualTo(1);
    assertThat(externalIds(events(a, aPath))).containsExactly(m1);
    assertThat(externalIds(events(c, cPath))).containsExactly(m1);
    JsonArray bEvents = events(b, bPath);
    assertThat(bEvents).hasSize(2);
    assertThat(
            find(bEvents, m2).getJsonObject("payload").getJsonObject("message").getString("text"))
        .as("the standby event")
        .isEqualTo("standby for two \u00e9");
    JsonObject read =
        bEvents.stream()
            .map(e -> e.asJsonObject())
            .filter(e -> e.getString("kind").equals("read"))
            .findFirst()
            .orElseThrow();
    assertThat(read.getString("routingKey")).isEqualTo(two);

    JsonArray unmatched = unmatched();
    assertThat(externalIds(unmatched)).contains(m3).doesNotContain(m1, m2);
    JsonObject kept = find(unmatched, m3);
    assertThat(kept.getString("routingKey")).isEqualTo(unknown);
    assertThat(a.api().get("api/v1/connectors/facebook-messenger/unmatched-events").status())
        .isEqualTo(403);

    Reply replayed = deliver(shared, body, signature);
    assertThat(replayed.status()).isEqualTo(200);
    assertThat(replayed.json().getInt("stored")).isZero();
    assertThat(events(a, aPath)).hasSize(1);
    assertThat(externalIds(unmatched())).filteredOn(m3::equals).hasSize(1);

    assertRefused(deliver(shared, body, MessengerDeliveries.sign("not-the-app-secret", body)));

    if (TestDatabase.isPostgres()) { // on H2 the database is inside the server
      aSharedAppDeliveryWaitsForEventsStoredElsewhere(shared, two, b, bPath);
    }

    // An uninstalled connection takes its events and its Page with it.
    assertThat(c.api().delete(cPath).status()).isEqualTo(204);
    String m4 = "m_" + UUID.randomUUID();
    byte[] later = MessengerDeliveries.textMessage(one, "8", m4, "after", 1_700_000_000_003L);
    assertThat(
            deliver(shared, later, MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, later))
                .status())
        .isEqualTo(200);
    assertThat(externalIds(events(a, aPath))).containsExactly(m1, m4);
    assertThat(c.api().get(cPath + "/events").status()).isEqualTo(404);
  }

  @Test
  void eventsArePagedOldestFirst() {
    TenantKey tenant = Tenants.create(api);
    String path = Messenger.install(tenant);
    String hook = webhookPath(tenant, path);
    String pageId = Messenger.newPageId();
    List<String> mids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String mid = "m_" + i + "_" + UUID.randomUUID();
      mids.add(mid);
      byte[] body =
          MessengerDeliveries.textMessage(pageId, "1", mid, "n" + i, 1_700_000_000_000L + i);
      assertThat(
              deliver(hook, body, MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, body)).status())
          .isEqualTo(200);
    }

    List<String> seen = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      Reply page =
          tenant.api().get(path + "/events?limit=2" + (next == null ? "" : "&after=" + next));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      JsonArray items = page.json().getJsonArray("items");
      assertThat(items).hasSizeLessThanOrEqualTo(2);
      items.forEach(
          e -> {
            seen.add(e.asJsonObject().getString("externalId"));
            ids.add(e.asJsonObject().getJsonNumber("id").longValue());
          });
      next = page.json().containsKey("next") ? page.json().getString("next") : null;
      pages++;
    } while (next != null);

    assertThat(seen).containsExactlyElementsOf(mids);
    assertThat(ids).isSorted();
    assertThat(pages).isEqualTo(3);
    assertThat(tenant.api().get(path + "/events?limit=501").status()).isEqualTo(422);
    assertThat(tenant.api().get(path + "/events?after=bogus").status()).isEqualTo(422);
    TenantKey other = Tenants.create(api);
    assertThat(other.api().get(path + "/events").status()).isEqualTo(404);
  }

  @Test
  void aTestEventTravelsThroughTheConnectionsOwnWebhookUrl() {
    TenantKey tenant = Tenants.create(api);
    String pageId = Messenger.newPageId();
    String path = authorizedFor(tenant, pageId);

    Reply sent = tenant.api().post(path + "/test-event", "");

    assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
    assertThat(sent.json().getBoolean("delivered")).isTrue();
    assertThat(sent.json().getInt("status")).isEqualTo(200);
    JsonArray events = events(tenant, path);
    assertThat(events).hasSize(1);
    assertThat(events.getJsonObject(0).getString("externalId")).startsWith("m_plugboard-test-");
    assertThat(events.getJsonObject(0).getString("routingKey")).isEqualTo(pageId);

    String unsigned = Messenger.install(tenant, null, "verify-" + UUID.randomUUID());
    Reply refused = tenant.api().post(unsigned + "/test-event", "");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.mediaType()).isEqualTo("application/problem+json");
  }

  /**
   * Another transaction storing events (another instance's batch) has taken its ids and not
   * committed: a shared-app delivery waits for it, so that its events get larger ids and a reader
   * paging with {@code ?after=} cannot page past the other's.
   */
  private void aSharedAppDeliveryWaitsForEventsStoredElsewhere(
      String shared, String pageId, TenantKey tenant, String connectionPath) throws Exception {
    String mid = "m_" + UUID.randomUUID();
    byte[] body = MessengerDeliveries.textMessage(pageId, "9", mid, "waits", 1_700_000_000_004L);
    String signature = MessengerDeliveries.sign(FakeGraphApi.APP_SECRET, body);
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try (Connection other = TestDatabase.connect()) {
      other.setAutoCommit(false);
      EventOrder.lock(other);
      Future<Reply> answer = sender.submit(() -> deliver(shared, body, signature));
      assertThatThrownBy(() -> answer.get(1, TimeUnit.SECONDS))
          .as("answered while events stored elsewhere were still to commit")
          .isInstanceOf(TimeoutException.class);
      other.commit();
      Reply delivered = answer.get(30, TimeUnit.SECONDS);
      assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    } finally {
      sender.shutdownNow();
    }
    assertThat(externalIds(events(tenant, connectionPath))).contains(mid);
  }

  private String authorizedFor(TenantKey tenant, String pageId) {
    graph.removePages().addPage(pageId, "Page " + pageId);
    String path = Messenger.install(tenant);
    Messenger.authorize(api, tenant, path);
    return path;
  }

  private String webhookPath(TenantKey tenant, String connectionPath) {
    String webhookUrl = tenant.api().get(connectionPath).json().getString("webhookUrl");
    assertThat(webhookUrl).startsWith(Api.serviceDomain() + "/webhooks/");
    return webhookUrl.substring(Api.serviceDomain().length() + 1);
  }

  private Reply deliver(String path, byte[] body, String signature) {
    return api.header(SIGNATURE, signature).postBytes(path, body, JSON);
  }

  private static JsonArray events(TenantKey tenant, String connectionPath) {
    Reply events = tenant.api().get(connectionPath + "/events?limit=500");
    assertThat(events.status()).as(events.toString()).isEqualTo(200);
    return events.json().getJsonArray("items");
  }

  private JsonArray unmatched() {
    List<jakarta.json.JsonValue> all = new ArrayList<>();
    String next = null;
    do {
      Reply page =
          operator.get(
              "api/v1/connectors/facebook-messenger/unmatched-events?limit=500"
                  + (next == null ? "" : "&after=" + next));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      all.addAll(page.json().getJsonArray("items"));
      next = page.json().containsKey("next") ? page.json().getString("next") : null;
    } while (next != null);
    return jakarta.json.Json.createArrayBuilder(all).build();
  }

  private static List<String> externalIds(JsonArray events) {
    return events.stream().map(e -> e.asJsonObject().getString("externalId")).toList();
  }

  private static JsonObject find(JsonArray events, String externalId) {
    return events.stream()
        .map(e -> e.asJsonObject())
        .filter(e -> e.getString("externalId").equals(externalId))
        .findFirst()
        .orElseThrow();
  }

  private static String message(String pageId, String mid, String text) {
    return "{\"sender\":{\"id\":\"24680\"},\"recipient\":{\"id\":\"%s\"},\"timestamp\":1700000000000,\"message\":{\"mid\":\"%s\",\"text\":\"%s\"}}"
        .formatted(pageId, mid, text);
  }

  private static String handshake(String mode, String token, String challenge) {
    return "?hub.mode="
        + mode
        + "&hub.verify_token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8)
        + "&hub.challenge="
        + challenge;
  }

  private static void assertRefused(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
    assertThat(reply.mediaType()).isEqualTo("application/problem+json");
    assertThat(reply.body()).doesNotContain(FakeGraphApi.APP_SECRET);
  }
}
