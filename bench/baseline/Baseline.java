import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The least a durable webhook receiver has to do, with the JDK only: a measuring stick for
 * bench/webhook-ingest, not part of Plugboard.
 *
 * <p>{@code POST /webhooks/{anything}}: body up to 1 MiB (else 413), X-Hub-Signature-256 checked in
 * constant time (else 401), then the body is appended to one file by a group-commit writer and the
 * request is answered 200 only once its record is fsynced. {@code GET /count}: records durably
 * written. SIGTERM stops accepting, drains the writer and exits.
 *
 * <p>Run: {@code java bench/baseline/Baseline.java --port 8081 --secret S --out records.bin
 * [--threads 128]}. The pool must hold at least as many threads as the load has connections: each
 * handler blocks until its batch is fsynced.
 */
public final class Baseline {
  static final int MAX_BODY_BYTES = 1 << 20;
  static final String SIGNATURE_PREFIX = "sha256=";

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int port = Integer.parseInt(required(opts, "port"));
    byte[] secret = required(opts, "secret").getBytes(StandardCharsets.UTF_8);
    Path out = Path.of(required(opts, "out"));
    int threads = Integer.parseInt(opts.getOrDefault("threads", "128"));

    // Without this the JDK server leaves Nagle on and small responses wait for delayed ACKs.
    System.setProperty("sun.net.httpserver.nodelay", "true");

    GroupCommitLog log = GroupCommitLog.open(out);
    ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> hmac(secret));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    server.setExecutor(pool);
    server.createContext(
        "/webhooks/", exchange -> handle(exchange, () -> deliver(exchange, macs.get(), log)));
    server.createContext("/count", exchange -> handle(exchange, () -> count(exchange, log)));

    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(1);
                  pool.shutdown();
                  log.close();
                  System.out.println(
                      "baseline stopped: " + log.durableCount() + " records in " + out);
                }));
    server.start();
    System.out.printf(
        "baseline listening on http://127.0.0.1:%d/webhooks/ (%d records already in %s)%n",
        port, log.durableCount(), out);
  }

  interface Handler {
    void run() throws IOException;
  }

  /** Runs one exchange and always closes it, so a keep-alive connection is never left hanging. */
  static void handle(HttpExchange exchange, Handler handler) {
    try {
      handler.run();
    } catch (IOException | RuntimeException e) {
      try {
        exchange.sendResponseHeaders(500, -1);
      } catch (IOException | RuntimeException ignored) {
        // headers were already sent or the client is gone
      }
    } finally {
      exchange.close();
    }
  }

  static void deliver(HttpExchange exchange, Mac mac, GroupCommitLog log) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(405, -1);
      return;
    }
    String declaredLength = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declaredLength != null && Long.parseLong(declaredLength.trim()) > MAX_BODY_BYTES) {
      exchange.sendResponseHeaders(413, -1);
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      exchange.sendResponseHeaders(413, -1);
      return;
    }
    if (!signatureMatches(
        exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"), body, mac)) {
      exchange.sendResponseHeaders(401, -1);
      return;
    }
    try {
      log.append(body).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(503, -1);
      return;
    } catch (ExecutionException | TimeoutException e) {
      exchange.sendResponseHeaders(503, -1);
      return;
    }
    exchange.sendResponseHeaders(200, -1);
  }

  static void count(HttpExchange exchange, GroupCommitLog log) throws IOException {
    byte[] text = (log.durableCount() + "\n").getBytes(StandardCharsets.US_ASCII);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, text.length);
    exchange.getResponseBody().write(text);
  }

  /**
   * Only {@code sha256=} followed by 64 hex digits is accepted; the digests compare in constant
   * time.
   */
  static boolean signatureMatches(String header, byte[] body, Mac mac) {
    if (header == null
        || !header.startsWith(SIGNATURE_PREFIX)
        || header.length() != SIGNATURE_PREFIX.length() + 64) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header, SIGNATURE_PREFIX.length(), header.length());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(mac.doFinal(body), given);
  }

  static Mac hmac(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An append-only file of length-prefixed records. One thread takes everything queued, writes it,
   * calls {@code force(false)} once for the whole batch, and only then completes each record's
   * future.
   */
  static final class GroupCommitLog {
    private record Pending(byte[] record, CompletableFuture<Void> durable) {}

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong durableCount;
    private final FileChannel channel;
    private final Thread writer;
    private volatile boolean closing;

    private GroupCommitLog(FileChannel channel, long existing) {
      this.channel = channel;
      this.durableCount = new AtomicLong(existing);
      this.writer = new Thread(this::writeBatches, "group-commit-writer");
      writer.start();
    }

    static GroupCommitLog open(Path file) throws IOException {
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long existing = recover(channel);
      channel.force(true);
      // The file's directory entry must be durable too, or a crash can lose the whole file.
      Path dir = file.toAbsolutePath().getParent();
      try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
        directory.force(true);
      }
      return new GroupCommitLog(channel, existing);
    }

    /** Counts the complete records and cuts off a torn last one; leaves the position at the end. */
    private static long recover(FileChannel channel) throws IOException {
      ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
      long position = 0;
      long records = 0;
      long size = channel.size();
      while (position + Integer.BYTES <= size) {
        length.clear();
        channel.read(length, position);
        int n = length.flip().getInt();
        if (n < 0 || n > MAX_BODY_BYTES || position + Integer.BYTES + n > size) {
          break;
        }
        position += Integer.BYTES + n;
        records++;
      }
      channel.truncate(position);
      channel.position(position);
      return records;
    }

    CompletableFuture<Void> append(byte[] record) {
      if (closing) {
        return CompletableFuture.failedFuture(new IllegalStateException("log is closing"));
      }
      Pending pending = new Pending(record, new CompletableFuture<>());
      queue.add(pending);
      return pending.durable;
    }

    long durableCount() {
      return durableCount.get();
    }

    private void writeBatches() {
      List<Pending> batch = new ArrayList<>();
      while (true) {
        Pending first;
        try {
          first = queue.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          break;
        }
        if (first == null) {
          if (closing) {
            break;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch);
        try {
          write(batch);
          channel.force(false);
          durableCount.addAndGet(batch.size());
          batch.forEach(p -> p.durable.complete(null));
        } catch (IOException | RuntimeException e) {
          batch.forEach(p -> p.durable.completeExceptionally(e));
        }
        batch.clear();
      }
      queue.forEach(p -> p.durable.completeExceptionally(new IllegalStateException("log closed")));
    }

    private void write(List<Pending> batch) throws IOException {
      int bytes = 0;
      for (Pending p : batch) {
        bytes += Integer.BYTES + p.record.length;
      }
      ByteBuffer buffer = ByteBuffer.allocate(bytes);
      for (Pending p : batch) {
        buffer.putInt(p.record.length).put(p.record);
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    /** Lets the writer finish what is queued, then closes the file. */
    void close() {
      closing = true;
      try {
        writer.join(10_000);
        channel.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    return opts;
  }

  static String required(Map<String, String> opts, String name) {
    String value = opts.get(name);
    if (value == null) {
      System.err.println(
          "usage: java Baseline.java --port N --secret S --out FILE [--threads 128]  (missing --"
              + name
              + ")");
      System.exit(2);
    }
    return value;
  }
}
