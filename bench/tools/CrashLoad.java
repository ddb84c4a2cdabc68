import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The load client of bench/crash: sends signed Facebook Messenger deliveries, each with a unique
 * {@code mid}, from N threads, and records per delivery whether it was acknowledged.
 *
 * <p>Each delivery is one text message shaped like those of {@code Deliveries.java} (400-600 bytes,
 * ASCII, escaped like Meta's), signed with HMAC-SHA256 in {@code X-Hub-Signature-256}. The body is
 * a pure function of the run id, the time base and the delivery's sequence number, which the mid
 * carries ({@code m_<run id>.<seq>.<filler>}), so a delivery can be sent again byte for byte, as
 * Facebook retries it.
 *
 * <p>A delivery answered 2xx is acknowledged: its mid goes to the acked file as {@code
 * <mid>\t<epoch ms of the answer>}. Anything else (another status, a timeout, a refused or reset
 * connection) leaves it unacknowledged: {@code <mid>\t<epoch ms>\t<reason>} in the unacked file.
 * Every delivery sent ends up in exactly one of the two. After a failure the thread waits {@code
 * --backoff-ms} before its next (new) delivery, so a server that is down is not flooded.
 *
 * <p>Two modes:
 *
 * <pre>
 * java CrashLoad.java --url U --secret S --page-id P --run-id R --time-base MS
 *     --acked FILE --unacked FILE [--senders 32] [--stop-file F] [--duration S]
 *     [--started-file F] [--timeout S] [--backoff-ms 500]
 *   sends new deliveries until the stop file exists or the duration is over
 * java CrashLoad.java ... --resend FILE
 *   sends each delivery whose mid is the first column of a line of FILE once again
 * </pre>
 *
 * <p>Prints {@code sent N}, {@code acked N}, {@code unacked N} and one {@code unacked_reason
 * <reason> N} line per reason. URLs must be loopback.
 */
public final class CrashLoad {
  private static final String[] WORDS = {
    "hi",
    "hello",
    "thanks",
    "order",
    "delivery",
    "tomorrow",
    "morning",
    "please",
    "could",
    "you",
    "check",
    "my",
    "the",
    "size",
    "is",
    "wrong",
    "refund",
    "store",
    "opening",
    "hours",
    "when",
    "does",
    "arrive",
    "tracking",
    "number",
    "still",
    "waiting",
    "for",
    "an",
    "answer",
    "great",
    "service",
    "price",
    "discount",
    "code",
    "weekend",
    "available",
    "color",
    "blue",
    "black",
    "return",
    "label",
    "address",
    "changed",
    "yesterday",
    "payment",
    "failed",
    "card",
    "again",
    "caf\\u00e9",
    "na\\u00efve",
    "\\u00fcber",
    "\\ud83d\\ude42",
    "\\ud83d\\udc4d",
    "\\u2764\\ufe0f",
    "https:\\/\\/example.com\\/orders\\/48213",
    "#A-1042",
    "12:30",
    "ok?",
    "yes!",
    "no,"
  };

  private final URI url;
  private final byte[] secret;
  private final String pageId;
  private final String runId;
  private final long timeBase;
  private final String[] senders = new String[500];
  private final HttpClient client;
  private final Duration timeout;
  private final long backoffMs;
  private final Writer acked;
  private final Writer unacked;
  private final LongAdder sent = new LongAdder();
  private final LongAdder ackedCount = new LongAdder();
  private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
  private final ThreadLocal<Mac> macs;

  private CrashLoad(Map<String, String> opts) throws IOException {
    url = URI.create(required(opts, "url"));
    if (!url.toString().startsWith("http://127.0.0.1:")) {
      throw new IllegalArgumentException("refusing a non-loopback URL: " + url);
    }
    secret = required(opts, "secret").getBytes(StandardCharsets.UTF_8);
    pageId = required(opts, "page-id");
    runId = required(opts, "run-id");
    if (!runId.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("--run-id: letters, digits and '-' only: " + runId);
    }
    timeBase = Long.parseLong(required(opts, "time-base"));
    Random random = new Random(runId.hashCode());
    for (int i = 0; i < senders.length; i++) {
      senders[i] =
          Long.toString(
              1_000_000_000_000_000L
                  + (random.nextLong() & Long.MAX_VALUE) % 9_000_000_000_000_000L);
    }
    timeout =
        Duration.ofMillis((long) (Double.parseDouble(opts.getOrDefault("timeout", "10")) * 1000));
    backoffMs = Long.parseLong(opts.getOrDefault("backoff-ms", "500"));
    int threads = Integer.parseInt(opts.getOrDefault("senders", "32"));
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(Math.max(2, threads / 4), daemon()))
            .build();
    acked = writer(required(opts, "acked"));
    unacked = writer(required(opts, "unacked"));
    macs = ThreadLocal.withInitial(this::hmac);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    CrashLoad load = new CrashLoad(opts);
    int threads = Integer.parseInt(opts.getOrDefault("senders", "32"));
    if (opts.containsKey("resend")) {
      load.resend(Path.of(opts.get("resend")), threads);
    } else {
      Path stopFile = opts.containsKey("stop-file") ? Path.of(opts.get("stop-file")) : null;
      double duration = Double.parseDouble(opts.getOrDefault("duration", "0"));
      if (stopFile == null && duration <= 0) {
        usage("--stop-file or --duration");
      }
      Path startedFile =
          opts.containsKey("started-file") ? Path.of(opts.get("started-file")) : null;
      load.run(threads, stopFile, duration, startedFile);
    }
    load.close();
    System.out.println("sent " + load.sent.sum());
    System.out.println("acked " + load.ackedCount.sum());
    System.out.println("unacked " + (load.sent.sum() - load.ackedCount.sum()));
    new TreeMap<>(load.reasons)
        .forEach((reason, n) -> System.out.println("unacked_reason " + reason + " " + n.sum()));
    System.exit(0); // the HttpClient's own threads
  }

  /** New deliveries from {@code threads} threads until the stop file appears or time is up. */
  private void run(int threads, Path stopFile, double duration, Path startedFile) throws Exception {
    long start = System.currentTimeMillis();
    long end = duration > 0 ? start + (long) (duration * 1000) : Long.MAX_VALUE;
    if (startedFile != null) {
      Files.writeString(startedFile, start + "\n");
    }
    AtomicLong sequence = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                while (System.currentTimeMillis() < end
                    && (stopFile == null || !Files.exists(stopFile))) {
                  if (!send(sequence.getAndIncrement())) {
                    pause(backoffMs);
                  }
                }
              },
              "sender-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
  }

  /** Each mid listed in {@code file} (first column) once more, from {@code threads} threads. */
  private void resend(Path file, int threads) throws Exception {
    List<Long> sequences = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      if (line.isBlank()) {
        continue;
      }
      String mid = line.split("\t", 2)[0];
      String[] parts = mid.split("\\.");
      if (parts.length != 3 || !parts[0].equals("m_" + runId)) {
        throw new IllegalArgumentException("not a mid of run " + runId + ": " + mid);
      }
      sequences.add(Long.parseLong(parts[1]));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (long sequence : sequences) {
      pool.execute(() -> send(sequence));
    }
    pool.shutdown();
    while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
      // waiting for the last answers
    }
  }

  /** Sends delivery {@code sequence} once; records and returns whether it was acknowledged. */
  private boolean send(long sequence) {
    String[] delivery = delivery(sequence);
    String mid = delivery[0];
    byte[] body = delivery[1].getBytes(StandardCharsets.US_ASCII);
    String signature = "sha256=" + HexFormat.of().formatHex(macs.get().doFinal(body));
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("X-Hub-Signature-256", signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    sent.increment();
    String reason;
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        ackedCount.increment();
        write(acked, mid + "\t" + System.currentTimeMillis() + "\n");
        return true;
      }
      reason = "http_" + response.statusCode();
    } catch (HttpConnectTimeoutException e) {
      reason = "connect_timeout";
    } catch (HttpTimeoutException e) {
      reason = "timeout";
    } catch (ConnectException e) {
      reason = "connection_refused";
    } catch (IOException e) {
      reason = "io_" + e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = "interrupted";
    }
    reasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
    write(unacked, mid + "\t" + System.currentTimeMillis() + "\t" + reason + "\n");
    return false;
  }

  /** {mid, body} of delivery {@code sequence}: always the same for the same run and time base. */
  private String[] delivery(long sequence) {
    Random random = new Random(runId.hashCode() * 1_000_003L + sequence);
    byte[] filler = new byte[48];
    random.nextBytes(filler);
    // Real mids are "m_" and ~90 url-safe characters; ours keep run id and sequence readable.
    String mid =
        "m_"
            + runId
            + "."
            + sequence
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(filler);
    long timestamp = timeBase + sequence;
    String head =
        "{\"object\":\"page\",\"entry\":[{\"id\":\""
            + pageId
            + "\",\"time\":"
            + timestamp
            + ",\"messaging\":[{\"sender\":{\"id\":\""
            + senders[random.nextInt(senders.length)]
            + "\"},\"recipient\":{\"id\":\""
            + pageId
            + "\"},\"timestamp\":"
            + timestamp
            + ",\"message\":{\"mid\":\""
            + mid
            + "\",\"text\":\"";
    String tail = "\"}}]}]}";
    int textLength = 400 + random.nextInt(201) - head.length() - tail.length();
    return new String[] {mid, head + text(random, textLength) + tail};
  }

  /** Whole words (escapes are never cut) up to about {@code length} characters, at least one. */
  private static String text(Random random, int length) {
    StringBuilder text = new StringBuilder(WORDS[random.nextInt(WORDS.length)]);
    for (int misses = 0; misses < 10; ) {
      String word = WORDS[random.nextInt(WORDS.length)];
      if (text.length() + 1 + word.length() > length) {
        misses++;
      } else {
        text.append(' ').append(word);
      }
    }
    return text.toString();
  }

  private static void write(Writer writer, String line) {
    synchronized (writer) {
      try {
        writer.write(line);
        writer.flush(); // the script may look at the files while the load runs
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void close() throws IOException {
    acked.close();
    unacked.close();
  }

  private static Writer writer(String path) throws IOException {
    return new BufferedWriter(
        Files.newBufferedWriter(Path.of(path), StandardCharsets.US_ASCII), 1 << 16);
  }

  private Mac hmac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "http-client");
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        usage("--name value pairs, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    return opts;
  }

  static String required(Map<String, String> opts, String name) {
    String value = opts.get(name);
    if (value == null) {
      usage("--" + name);
    }
    return value;
  }

  private static void usage(String missing) {
    System.err.println(
        "usage: java CrashLoad.java --url U --secret S --page-id P --run-id R --time-base MS"
            + " --acked FILE --unacked FILE [--senders N] [--timeout S] [--backoff-ms MS]"
            + " (--stop-file F | --duration S) [--started-file F] | --resend FILE"
            + "  (missing or wrong: "
            + missing
            + ")");
    System.exit(2);
  }
}
