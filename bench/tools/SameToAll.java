import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * bench/cluster's racing client: sends each of N signed Facebook Messenger deliveries to every
 * given webhook URL (one per server instance) at the same moment, as a provider's retry racing its
 * first attempt through a load balancer would, and records each instance's answer.
 *
 * <pre>
 * java SameToAll.java --urls U1,U2[,…] --secret S --page-id P --run-id R --count N
 *     --out FILE [--parallel 4] [--timeout 20]
 * </pre>
 *
 * <p>Delivery i carries the mid {@code m_<run id>.same.<i>}; its bytes are the same at every URL.
 * The requests of one delivery are released together (asynchronous sends started back to back),
 * {@code --parallel} deliveries at a time. FILE gets one line per delivery: {@code <mid>} then, per
 * URL in order, a tab and {@code <status>:<stored>} ({@code stored} from the answer's {@code
 * "stored"} field, {@code -} when absent; the status is the reason, e.g. {@code
 * connection_refused}, when there was no answer). Prints {@code deliveries N}, {@code all_acked N}
 * (every URL answered 2xx), {@code stored_by_one N} (the answers' {@code stored} add up to 1),
 * {@code stored_by_none N} and {@code stored_by_several N}. URLs must be loopback.
 */
public final class SameToAll {

  private static final Pattern STORED = Pattern.compile("\"stored\"\\s*:\\s*(\\d+)");

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        usage("--name value pairs, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    List<URI> urls = new ArrayList<>();
    for (String url : required(opts, "urls").split(",")) {
      if (!url.startsWith("http://127.0.0.1:")) {
        usage("a loopback URL, got " + url);
      }
      urls.add(URI.create(url));
    }
    byte[] secret = required(opts, "secret").getBytes(StandardCharsets.UTF_8);
    String pageId = required(opts, "page-id");
    String runId = required(opts, "run-id");
    int count = Integer.parseInt(required(opts, "count"));
    Path out = Path.of(required(opts, "out"));
    int parallel = Integer.parseInt(opts.getOrDefault("parallel", "4"));
    Duration timeout =
        Duration.ofMillis((long) (Double.parseDouble(opts.getOrDefault("timeout", "20")) * 1000));

    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    List<Future<String>> lines = new ArrayList<>();
    AtomicLong allAcked = new AtomicLong();
    AtomicLong byOne = new AtomicLong();
    AtomicLong byNone = new AtomicLong();
    AtomicLong bySeveral = new AtomicLong();
    for (int i = 0; i < count; i++) {
      String mid = "m_" + runId + ".same." + i;
      byte[] body = body(pageId, mid, i).getBytes(StandardCharsets.US_ASCII);
      String signature = "sha256=" + HexFormat.of().formatHex(hmac(secret).doFinal(body));
      lines.add(
          pool.submit(
              () -> {
                List<CompletableFuture<String>> answers = new ArrayList<>();
                for (URI url : urls) { // started back to back: the requests race
                  answers.add(
                      client
                          .sendAsync(
                              HttpRequest.newBuilder(url)
                                  .timeout(timeout)
                                  .header("Content-Type", "application/json")
                                  .header("X-Hub-Signature-256", signature)
                                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString())
                          .handle(SameToAll::describe));
                }
                StringBuilder line = new StringBuilder(mid);
                boolean acked = true;
                int stored = 0;
                for (CompletableFuture<String> answer : answers) {
                  String a = answer.join();
                  line.append('\t').append(a);
                  String[] parts = a.split(":", 2);
                  acked &= parts[0].matches("2\\d\\d");
                  if (parts.length == 2 && parts[1].matches("\\d+")) {
                    stored += Integer.parseInt(parts[1]);
                  }
                }
                if (acked) {
                  allAcked.incrementAndGet();
                }
                (stored == 1 ? byOne : stored == 0 ? byNone : bySeveral).incrementAndGet();
                return line.toString();
              }));
    }
    try (PrintWriter writer =
        new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.US_ASCII))) {
      for (Future<String> line : lines) {
        writer.println(line.get());
      }
    }
    pool.shutdown();
    System.out.println("deliveries " + count);
    System.out.println("all_acked " + allAcked.get());
    System.out.println("stored_by_one " + byOne.get());
    System.out.println("stored_by_none " + byNone.get());
    System.out.println("stored_by_several " + bySeveral.get());
    System.exit(0); // the HttpClient's own threads
  }

  private static String describe(HttpResponse<String> response, Throwable failure) {
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause()
          : failure;
      if (cause instanceof HttpTimeoutException) {
        return "timeout:-";
      }
      if (cause instanceof ConnectException) {
        return "connection_refused:-";
      }
      return "io_" + cause.getClass().getSimpleName() + ":-";
    }
    Matcher stored = STORED.matcher(response.body());
    return response.statusCode() + ":" + (stored.find() ? stored.group(1) : "-");
  }

  /** A Messenger text-message delivery, shaped like Meta's (one entry, one messaging event). */
  private static String body(String pageId, String mid, int i) {
    long timestamp = 1_700_000_000_000L + i;
    return "{\"object\":\"page\",\"entry\":[{\"id\":\""
        + pageId
        + "\",\"time\":"
        + timestamp
        + ",\"messaging\":[{\"sender\":{\"id\":\"24680"
        + (i % 100)
        + "\"},\"recipient\":{\"id\":\""
        + pageId
        + "\"},\"timestamp\":"
        + timestamp
        + ",\"message\":{\"mid\":\""
        + mid
        + "\",\"text\":\"the same delivery to every instance, number "
        + i
        + "\"}}]}]}";
  }

  private static Mac hmac(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String required(Map<String, String> opts, String name) {
    String value = opts.get(name);
    if (value == null) {
      usage("--" + name);
    }
    return value;
  }

  private static void usage(String missing) {
    System.err.println(
        "usage: java SameToAll.java --urls U1,U2 --secret S --page-id P --run-id R --count N"
            + " --out FILE [--parallel N] [--timeout S]  (missing or wrong: "
            + missing
            + ")");
    System.exit(2);
  }
}
