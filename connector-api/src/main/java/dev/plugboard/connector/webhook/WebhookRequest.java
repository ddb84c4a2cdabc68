package dev.plugboard.connector.webhook;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request to a webhook URL, as received: method, query parameters, headers and the body's
 * exact bytes. Signatures must be checked over {@link #body()} as is, never over a parsed and
 * re-serialized body.
 *
 * <p>Immutable and thread-safe: the body is copied in and handed out read-only.
 *
 * @since 1
 */
public final class WebhookRequest {

  private final String method;
  private final Map<String, List<String>> query;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private WebhookRequest(
      String method,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      byte[] body) {
    this.method = Objects.requireNonNull(method, "method");
    this.query = copy(query, false);
    this.headers = copy(headers, true);
    this.body = body.clone();
  }

  /**
   * A {@code GET}, as a provider sends to verify a webhook URL.
   *
   * @param query the query parameters
   * @return the request
   */
  public static WebhookRequest get(Map<String, List<String>> query) {
    return new WebhookRequest("GET", query, Map.of(), new byte[0]);
  }

  /**
   * A {@code POST} delivery.
   *
   * @param headers the headers; names are matched without regard to case
   * @param body the exact bytes received
   * @return the request
   */
  public static WebhookRequest post(Map<String, List<String>> headers, byte[] body) {
    return new WebhookRequest("POST", Map.of(), headers, body);
  }

  /**
   * @return {@code GET} or {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * @param name a query parameter's name, matched exactly
   * @return its first value
   */
  public Optional<String> queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * @param name a header's name, matched without regard to case
   * @return every value the header was sent with, in order; empty when absent
   */
  public List<String> headers(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * @return the names of the headers sent, in lowercase
   */
  public java.util.Set<String> headerNames() {
    return headers.keySet();
  }

  /**
   * @param name a header's name, matched without regard to case
   * @return its value, when sent exactly once
   */
  public Optional<String> header(String name) {
    List<String> values = headers(name);
    return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
  }

  /**
   * @return the body's exact bytes, read-only
   */
  public ByteBuffer body() {
    return ByteBuffer.wrap(body).asReadOnlyBuffer();
  }

  /**
   * @return the body's exact bytes as a stream, for parsing
   */
  public InputStream bodyStream() {
    return new ByteArrayInputStream(body);
  }

  /**
   * @return the body's length in bytes
   */
  public int bodyLength() {
    return body.length;
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> in, boolean lower) {
    Map<String, List<String>> out = new TreeMap<>();
    in.forEach(
        (k, v) -> {
          String key = lower ? k.toLowerCase(Locale.ROOT) : k;
          out.merge(
              key,
              List.copyOf(v),
              (a, b) -> {
                List<String> joined = new java.util.ArrayList<>(a);
                joined.addAll(b);
                return List.copyOf(joined);
              });
        });
    return Map.copyOf(out);
  }

  /** Shows method, header names and body length; values may be secrets or personal data. */
  @Override
  public String toString() {
    return "WebhookRequest["
        + method
        + ", headers="
        + headers.keySet()
        + ", "
        + body.length
        + " B]";
  }
}
