import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of {@code bench/scale}: seeds tenants with Messenger connections through the
 * HTTP API, several requests at a time, and measures connection reads and webhook handshakes over
 * random connections, checking every answer. JDK only; talks to 127.0.0.1 only.
 *
 * <pre>
 * java bench/tools/ScaleLoad.java seed    --url U --admin-key K --state FILE --from I --to J
 *                                         [--concurrency 16] [--run-id R]
 * java bench/tools/ScaleLoad.java measure --url U --state FILE [--requests 5000] [--warmup 1000]
 *                                         [--concurrency 8] [--first N] [--admin-key K]
 * java bench/tools/ScaleLoad.java check   --url U --state FILE [--samples 20]
 * </pre>
 *
 * <p>{@code seed} creates tenants I (inclusive) to J (exclusive), each as a user would: the operator
 * creates the tenant and an API key for it, then the tenant installs two {@code facebook-messenger}
 * connections with its own key, each with its own App ID, App Secret and Verify Token. Every
 * complete tenant is appended to the state file as one line per connection: {@code
 * tenantId \t tenantKey \t connectionId \t webhookUrl \t verifyToken \t clientId}.
 *
 * <p>{@code measure} first reads random connections ({@code GET
 * /api/v1/tenants/{t}/connections/{c}} with the tenant's key), then runs the verification
 * handshake on random connections' webhook URLs ({@code GET
 * webhookUrl?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…}); each after an unmeasured
 * warm-up, as a closed loop of {@code --concurrency} workers. A read must be 200 with the
 * connection's id, tenant, connector, webhook URL and App ID, its secrets shown as {@code
 * {"set":true}} and never their values; a handshake must be 200 with exactly the challenge. With
 * {@code --first N} only the first N connections of the state file are picked from (a small
 * working set in a large database). With {@code --admin-key K} it also pages through the operator's
 * tenant list ({@code GET /api/v1/tenants?limit=50}, following {@code next} to the end: every
 * seeded tenant must be there, and no tenant twice) and then reads random pages of it by their
 * cursors, so that a page from deep in a long list is timed like the first.
 *
 * <p>{@code check} (after a restart) reads and handshakes a few random connections and also sends
 * each a wrong Verify Token, which must be refused with 403.
 *
 * <p>Figures go to stdout as {@code scale.<name> <value>} lines; progress and the first few wrong
 * answers go to stderr. The exit status is 1 when any answer was wrong.
 */
public final class ScaleLoad {

  private static final String CONNECTOR = "facebook-messenger";
  private static final int CONNECTIONS_PER_TENANT = 2;
  private static final int ERRORS_SHOWN = 10;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String url;
  private final AtomicLong errors = new AtomicLong();

  private ScaleLoad(String url) {
    this.url = loopback(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: ScaleLoad seed|measure|check --url U --state FILE [options]");
      System.exit(2);
    }
    Map<String, String> opts = options(Arrays.copyOfRange(args, 1, args.length));
    ScaleLoad load = new ScaleLoad(required(opts, "url"));
    Path state = Path.of(required(opts, "state"));
    switch (args[0]) {
      case "seed" ->
          load.seed(
              required(opts, "admin-key"),
              state,
              Integer.parseInt(required(opts, "from")),
              Integer.parseInt(required(opts, "to")),
              Integer.parseInt(opts.getOrDefault("concurrency", "16")),
              opts.getOrDefault("run-id", Long.toString(System.currentTimeMillis(), 36)));
      case "measure" -> {
        List<Seeded> all = load(state);
        int requests = Integer.parseInt(opts.getOrDefault("requests", "5000"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "1000"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "8"));
        load.measure(
            first(all, Integer.parseInt(opts.getOrDefault("first", "0"))),
            requests,
            warmup,
            concurrency);
        if (opts.containsKey("admin-key")) {
          load.measurePages(opts.get("admin-key"), all, requests, warmup, concurrency);
        }
      }
      case "check" -> load.check(load(state), Integer.parseInt(opts.getOrDefault("samples", "20")));
      default -> {
        System.err.println("unknown command " + args[0]);
        System.exit(2);
      }
    }
    figure("errors", load.errors.get());
    System.exit(load.errors.get() == 0 ? 0 : 1);
  }

  /** One seeded connection, as the state file keeps it. */
  record Seeded(
      String tenant,
      String tenantKey,
      String connection,
      String webhookUrl,
      String verifyToken,
      String clientId) {

    String line() {
      return String.join("\t", tenant, tenantKey, connection, webhookUrl, verifyToken, clientId);
    }

    static Seeded parse(String line) {
      String[] f = line.split("\t", -1);
      if (f.length != 6) {
        throw new IllegalArgumentException("not a state line: " + line);
      }
      return new Seeded(f[0], f[1], f[2], f[3], f[4], f[5]);
    }
  }

  // ---- seed ----------------------------------------------------------------------------------

  private void seed(String adminKey, Path state, int from, int to, int concurrency, String runId)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger(from);
    AtomicInteger tenantsDone = new AtomicInteger();
    AtomicInteger connectionsDone = new AtomicInteger();
    AtomicLong requests = new AtomicLong();
    List<String> lines = new ArrayList<>();
    long started = System.nanoTime();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    for (int w = 0; w < concurrency; w++) {
      workers.execute(
          () -> {
            for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
              List<Seeded> tenant = seedTenant(adminKey, runId, i, requests);
              if (tenant.isEmpty()) {
                continue;
              }
              synchronized (lines) {
                tenant.forEach(s -> lines.add(s.line()));
              }
              tenantsDone.incrementAndGet();
              connectionsDone.addAndGet(tenant.size());
            }
          });
    }
    workers.shutdown();
    long lastReport = System.nanoTime();
    while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
      if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(15)) {
        lastReport = System.nanoTime();
        double s = (lastReport - started) / 1e9;
        System.err.printf(
            "seed: %d/%d tenants, %.0f connections/s, %d errors%n",
            tenantsDone.get(), to - from, connectionsDone.get() / s, errors.get());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    try {
      Files.write(state, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    figure("seed_tenants", tenantsDone.get());
    figure("seed_connections", connectionsDone.get());
    figure("seed_requests", requests.get());
    figure("seed_seconds", String.format("%.1f", seconds));
    figure("seed_connections_per_s", String.format("%.1f", connectionsDone.get() / seconds));
    figure("seed_requests_per_s", String.format("%.1f", requests.get() / seconds));
  }

  /** Creates one tenant, its API key and its connections; empty when any step failed. */
  private List<Seeded> seedTenant(String adminKey, String runId, int index, AtomicLong requests) {
    String what = "tenant " + index;
    try {
      requests.incrementAndGet();
      Answer created =
          send(post("/api/v1/tenants", adminKey, "{\"name\":\"scale-" + runId + "-" + index + "\"}"));
      Map<?, ?> tenant = expectJson(created, 201, what);
      String tenantId = text(tenant, "id");
      what = "api key of tenant " + tenantId;
      requests.incrementAndGet();
      Map<?, ?> key =
          expectJson(send(post("/api/v1/tenants/" + tenantId + "/api-keys", adminKey, "{}")), 201, what);
      String tenantKey = text(key, "key");
      List<Seeded> seeded = new ArrayList<>();
      for (int j = 1; j <= CONNECTIONS_PER_TENANT; j++) {
        String clientId = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 999_999_999_999_999L));
        String verifyToken = randomHex(24);
        String body =
            "{\"connectorId\":\""
                + CONNECTOR
                + "\",\"name\":\"messenger-"
                + j
                + "\",\"setup\":{\"clientId\":\""
                + clientId
                + "\",\"clientSecret\":\""
                + randomHex(16)
                + "\",\"verifyToken\":\""
                + verifyToken
                + "\"}}";
        what = "connection " + j + " of tenant " + tenantId;
        requests.incrementAndGet();
        Map<?, ?> connection =
            expectJson(
                send(post("/api/v1/tenants/" + tenantId + "/connections", tenantKey, body)), 201, what);
        String connectionId = text(connection, "id");
        String webhookUrl = loopback(text(connection, "webhookUrl"));
        if (!tenantId.equals(connection.get("tenantId"))) {
          throw new Wrong(what + ": tenantId " + connection.get("tenantId"));
        }
        seeded.add(new Seeded(tenantId, tenantKey, connectionId, webhookUrl, verifyToken, clientId));
      }
      return seeded;
    } catch (Wrong | IOException | RuntimeException e) {
      error(what + ": " + e.getMessage());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  // ---- measure -------------------------------------------------------------------------------

  private void measure(List<Seeded> all, int requests, int warmup, int concurrency)
      throws InterruptedException {
    figure("connections", all.size());
    run("read", all, requests, warmup, concurrency, this::read);
    run("lookup", all, requests, warmup, concurrency, this::handshake);
  }

  private static final int PAGE = 50;

  /** Walks the tenant list, then reads random pages of it by their cursors. */
  private void measurePages(
      String adminKey, List<Seeded> all, int requests, int warmup, int concurrency)
      throws InterruptedException {
    List<String> cursors = new ArrayList<>(); // "" for the first page
    List<String> listed = new ArrayList<>();
    String after = "";
    long started = System.nanoTime();
    try {
      do {
        cursors.add(after);
        Map<?, ?> page = tenantPage(adminKey, after);
        for (Object item : (List<?>) page.get("items")) {
          listed.add(text((Map<?, ?>) item, "id"));
        }
        after = page.get("next") instanceof String next ? next : null;
      } while (after != null);
      Set<String> unique = new HashSet<>(listed);
      if (unique.size() != listed.size()) {
        throw new Wrong("the tenant list repeats " + (listed.size() - unique.size()) + " tenants");
      }
      for (Seeded seeded : all) {
        if (!unique.contains(seeded.tenant())) {
          throw new Wrong("tenant " + seeded.tenant() + " is not in the tenant list");
        }
      }
    } catch (Wrong | IOException | RuntimeException e) {
      error("tenant list: " + e.getMessage());
      return;
    }
    figure("tenant_list_pages", cursors.size());
    figure("tenant_list_walk_s", String.format("%.2f", (System.nanoTime() - started) / 1e9));
    run(
        "tenant_page",
        all,
        requests,
        warmup,
        concurrency,
        ignored -> {
          int at = ThreadLocalRandom.current().nextInt(cursors.size());
          Map<?, ?> page = tenantPage(adminKey, cursors.get(at));
          int size = ((List<?>) page.get("items")).size();
          if (at < cursors.size() - 1 ? size != PAGE : size < 1 || size > PAGE) {
            throw new Wrong("page " + at + " of the tenant list has " + size + " tenants");
          }
        });
  }

  private Map<?, ?> tenantPage(String adminKey, String after)
      throws Wrong, IOException, InterruptedException {
    String path =
        "/api/v1/tenants?limit="
            + PAGE
            + (after.isEmpty() ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
    Map<?, ?> page =
        expectJson(send(get(url + path).header("Authorization", "Bearer " + adminKey)), 200, path);
    if (!(page.get("items") instanceof List<?>)) {
      throw new Wrong(path + ": no items in " + clip(String.valueOf(page)));
    }
    return page;
  }

  interface Probe {
    void probe(Seeded connection) throws Wrong, IOException, InterruptedException;
  }

  /** Warm-up, then REQUESTS timed probes on random connections by CONCURRENCY workers. */
  private void run(String name, List<Seeded> all, int requests, int warmup, int concurrency, Probe probe)
      throws InterruptedException {
    System.err.printf("%s: %d warm-up + %d measured requests, %d at a time, over %d connections%n",
        name, warmup, requests, concurrency, all.size());
    long errorsBefore = errors.get();
    timed(all, warmup, concurrency, probe);
    long warmupErrors = errors.get() - errorsBefore;
    long started = System.nanoTime();
    long[] nanos = timed(all, requests, concurrency, probe);
    double seconds = (System.nanoTime() - started) / 1e9;
    Arrays.sort(nanos);
    figure(name + "_requests", requests);
    figure(name + "_per_s", String.format("%.1f", requests / seconds));
    figure(name + "_p50_ms", ms(percentile(nanos, 50)));
    figure(name + "_p99_ms", ms(percentile(nanos, 99)));
    figure(name + "_max_ms", ms(nanos[nanos.length - 1]));
    figure(name + "_errors", errors.get() - errorsBefore);
    figure(name + "_warmup_errors", warmupErrors);
  }

  private long[] timed(List<Seeded> all, int count, int concurrency, Probe probe)
      throws InterruptedException {
    long[] nanos = new long[count];
    AtomicInteger next = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    for (int w = 0; w < concurrency; w++) {
      workers.execute(
          () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
              Seeded connection = all.get(ThreadLocalRandom.current().nextInt(all.size()));
              long start = System.nanoTime();
              try {
                probe.probe(connection);
              } catch (Wrong | IOException | RuntimeException e) {
                error(connection.connection() + ": " + e.getMessage());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              nanos[i] = System.nanoTime() - start; // a failed request is timed too
            }
          });
    }
    workers.shutdown();
    workers.awaitTermination(1, TimeUnit.DAYS);
    return nanos;
  }

  /** GET /api/v1/tenants/{t}/connections/{c} with the tenant's key, checked field by field. */
  private void read(Seeded s) throws Wrong, IOException, InterruptedException {
    String path = "/api/v1/tenants/" + s.tenant() + "/connections/" + s.connection();
    Answer answer = send(get(url + path).header("Authorization", "Bearer " + s.tenantKey()));
    Map<?, ?> c = expectJson(answer, 200, "read " + path);
    same("id", s.connection(), c.get("id"));
    same("tenantId", s.tenant(), c.get("tenantId"));
    same("connectorId", CONNECTOR, c.get("connectorId"));
    same("webhookUrl", s.webhookUrl(), c.get("webhookUrl"));
    if (!(c.get("setup") instanceof Map<?, ?> setup)) {
      throw new Wrong("no setup object in " + answer.body());
    }
    same("setup.clientId", s.clientId(), setup.get("clientId"));
    same("setup.clientSecret", Map.of("set", true), setup.get("clientSecret"));
    same("setup.verifyToken", Map.of("set", true), setup.get("verifyToken"));
    if (answer.body().contains(s.verifyToken())) {
      throw new Wrong("the Verify Token's value is in the answer");
    }
  }

  /** The verification handshake: 200 with exactly the challenge. */
  private void handshake(Seeded s) throws Wrong, IOException, InterruptedException {
    String challenge = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    Answer answer = send(get(handshakeUrl(s, s.verifyToken(), challenge)));
    if (answer.status() != 200 || !answer.body().equals(challenge)) {
      throw new Wrong(
          "handshake: status " + answer.status() + ", body " + clip(answer.body()) + ", challenge " + challenge);
    }
  }

  /** A wrong Verify Token must be refused. */
  private void wrongToken(Seeded s) throws Wrong, IOException, InterruptedException {
    String challenge = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    Answer answer = send(get(handshakeUrl(s, s.verifyToken() + "x", challenge)));
    if (answer.status() != 403 || answer.body().contains(challenge)) {
      throw new Wrong("wrong Verify Token: status " + answer.status() + ", body " + clip(answer.body()));
    }
  }

  private static String handshakeUrl(Seeded s, String token, String challenge) {
    return loopback(s.webhookUrl())
        + "?hub.mode=subscribe&hub.verify_token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8)
        + "&hub.challenge="
        + challenge;
  }

  // ---- check ---------------------------------------------------------------------------------

  private void check(List<Seeded> all, int samples) throws InterruptedException {
    int ok = 0;
    for (int i = 0; i < samples; i++) {
      Seeded s = all.get(ThreadLocalRandom.current().nextInt(all.size()));
      try {
        read(s);
        handshake(s);
        wrongToken(s);
        ok++;
      } catch (Wrong | IOException | RuntimeException e) {
        error(s.connection() + ": " + e.getMessage());
      }
    }
    figure("check_connections", samples);
    figure("check_ok", ok);
  }

  // ---- HTTP and JSON -------------------------------------------------------------------------

  record Answer(int status, String body) {}

  static final class Wrong extends Exception {
    private static final long serialVersionUID = 1L;

    Wrong(String message) {
      super(message, null, false, false);
    }
  }

  private HttpRequest.Builder get(String target) {
    return HttpRequest.newBuilder(URI.create(loopback(target))).timeout(Duration.ofSeconds(60)).GET();
  }

  private HttpRequest.Builder post(String path, String key, String json) {
    return HttpRequest.newBuilder(URI.create(url + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(response.statusCode(), response.body());
  }

  private static Map<?, ?> expectJson(Answer answer, int status, String what) throws Wrong {
    if (answer.status() != status) {
      throw new Wrong(what + ": status " + answer.status() + ", body " + clip(answer.body()));
    }
    Object json;
    try {
      json = new Json(answer.body()).value();
    } catch (IllegalArgumentException e) {
      throw new Wrong(what + ": not JSON (" + e.getMessage() + "): " + clip(answer.body()));
    }
    if (!(json instanceof Map<?, ?> object)) {
      throw new Wrong(what + ": not a JSON object: " + clip(answer.body()));
    }
    return object;
  }

  private static String text(Map<?, ?> object, String field) throws Wrong {
    if (!(object.get(field) instanceof String value) || value.isEmpty()) {
      throw new Wrong("no \"" + field + "\" in " + clip(String.valueOf(object)));
    }
    return value;
  }

  private static void same(String field, Object expected, Object actual) throws Wrong {
    if (!Objects.equals(expected, actual)) {
      throw new Wrong(field + " is " + actual + ", expected " + expected);
    }
  }

  /** Just enough JSON: objects (as maps), arrays (as lists), strings, numbers, booleans, null. */
  static final class Json {
    private final String s;
    private int at;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      Object v = any();
      space();
      if (at != s.length()) {
        throw new IllegalArgumentException("trailing text at " + at);
      }
      return v;
    }

    private Object any() {
      space();
      if (at >= s.length()) {
        throw new IllegalArgumentException("unexpected end");
      }
      char c = s.charAt(at);
      switch (c) {
        case '{':
          at++;
          Map<String, Object> object = new LinkedHashMap<>();
          space();
          if (peek('}')) {
            return object;
          }
          do {
            space();
            String key = string();
            space();
            expect(':');
            object.put(key, any());
            space();
          } while (peek(','));
          expect('}');
          return object;
        case '[':
          at++;
          List<Object> array = new ArrayList<>();
          space();
          if (peek(']')) {
            return array;
          }
          do {
            array.add(any());
            space();
          } while (peek(','));
          expect(']');
          return array;
        case '"':
          return string();
        default:
          if (s.startsWith("true", at)) {
            at += 4;
            return Boolean.TRUE;
          }
          if (s.startsWith("false", at)) {
            at += 5;
            return Boolean.FALSE;
          }
          if (s.startsWith("null", at)) {
            at += 4;
            return null;
          }
          int start = at;
          while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
            at++;
          }
          if (start == at) {
            throw new IllegalArgumentException("unexpected '" + c + "' at " + at);
          }
          return Double.valueOf(s.substring(start, at));
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (at >= s.length()) {
          throw new IllegalArgumentException("unterminated string");
        }
        char c = s.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = s.charAt(at++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            at += 4;
          }
          default -> out.append(e); // \" \\ \/
        }
      }
    }

    private void space() {
      while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
        at++;
      }
    }

    private boolean peek(char c) {
      if (at < s.length() && s.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw new IllegalArgumentException("expected '" + c + "' at " + at);
      }
    }
  }

  // ---- small things --------------------------------------------------------------------------

  private void error(String message) {
    if (errors.incrementAndGet() <= ERRORS_SHOWN) {
      System.err.println("WRONG: " + message);
    }
  }

  private static List<Seeded> load(Path state) throws IOException {
    List<Seeded> all = new ArrayList<>();
    for (String line : Files.readAllLines(state)) {
      if (!line.isBlank()) {
        all.add(Seeded.parse(line));
      }
    }
    if (all.isEmpty()) {
      throw new IllegalStateException("no connections in " + state);
    }
    return all;
  }

  /** The first N connections, or all when N is 0. */
  private static List<Seeded> first(List<Seeded> all, int n) {
    return n > 0 && n < all.size() ? all.subList(0, n) : all;
  }

  private static String loopback(String target) {
    if (!target.matches("http://127\\.0\\.0\\.1:[0-9]+(/.*)?")) {
      throw new IllegalArgumentException("refusing a non-loopback URL: " + target);
    }
    return target;
  }

  private static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length); // nearest rank
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static String ms(long nanos) {
    return String.format("%.2f", nanos / 1e6);
  }

  private static String clip(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static void figure(String name, Object value) {
    System.out.println("scale." + name + " " + value);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    return opts;
  }

  private static String required(Map<String, String> opts, String name) {
    String value = opts.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
