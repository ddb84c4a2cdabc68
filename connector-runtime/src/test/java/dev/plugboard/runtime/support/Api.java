package dev.plugboard.runtime.support;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.RequestEntityProcessing;

/**
 * A small HTTP client for the platform under test: paths are relative to the server root, bodies
 * are JSON text, and every call may carry an API key.
 */
public final class Api {

  private static final Client CLIENT =
      ClientBuilder.newClient().property(ClientProperties.FOLLOW_REDIRECTS, false);

  private final URI root;
  private final String key;
  private final Map<String, String> headers;
  private final List<Reply> transcript;

  private Api(URI root, String key, Map<String, String> headers, List<Reply> transcript) {
    this.root = root;
    this.key = key;
    this.headers = headers;
    this.transcript = transcript;
  }

  /**
   * The server Arquillian started, on loopback (the deployment URL may name another interface,
   * while the server listens on 127.0.0.1 only).
   *
   * @param deployment the URL Arquillian reports
   * @return a client without API key
   */
  public static Api at(URL deployment) {
    return at(deployment.getPort());
  }

  /**
   * @param port the server's HTTP port on loopback
   * @return a client without API key
   */
  public static Api at(int port) {
    return new Api(
        URI.create("http://127.0.0.1:" + port + "/"),
        null,
        Map.of(),
        Collections.synchronizedList(new ArrayList<>()));
  }

  /**
   * @return every reply this client and those derived from it received, in order
   */
  public List<Reply> transcript() {
    return List.copyOf(transcript);
  }

  /**
   * @return the service domain the test servers are configured with: their own address
   */
  public static String serviceDomain() {
    return "http://127.0.0.1:" + System.getProperty("plugboard.it.http-port");
  }

  /**
   * @return the operator key the test servers are configured with
   */
  public static String operatorKey() {
    return System.getProperty("plugboard.it.operator-key");
  }

  /**
   * @param apiKey the bearer key to send, or {@code null} for none
   * @return a client that sends it
   */
  public Api as(String apiKey) {
    return new Api(root, apiKey, headers, transcript);
  }

  /**
   * @param name a header name
   * @param value its value
   * @return a client that also sends the header
   */
  public Api header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Api(root, key, Map.copyOf(more), transcript);
  }

  public Reply get(String path) {
    return send("GET", path, null, null);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Reply post(String path, String json) {
    return send("POST", path, json, "application/json");
  }

  public Reply put(String path, String json) {
    return send("PUT", path, json, "application/json");
  }

  /**
   * Posts a body without a Content-Length, as a streaming client would.
   *
   * @param path the path
   * @param json the body
   * @return the reply
   */
  public Reply postChunked(String path, String json) {
    Invocation.Builder request =
        request(path)
            .property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.CHUNKED);
    return read(request.method("POST", Entity.entity(json, "application/json")));
  }

  /**
   * Posts exact bytes, with a Content-Length, as a webhook sender does.
   *
   * @param path the path
   * @param body the bytes
   * @param contentType the media type
   * @return the reply
   */
  public Reply postBytes(String path, byte[] body, String contentType) {
    return read(request(path).method("POST", Entity.entity(body, contentType)));
  }

  /**
   * Posts exact bytes without a Content-Length (chunked).
   *
   * @param path the path
   * @param body the bytes
   * @param contentType the media type
   * @return the reply
   */
  public Reply postBytesChunked(String path, byte[] body, String contentType) {
    Invocation.Builder request =
        request(path)
            .property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.CHUNKED);
    return read(request.method("POST", Entity.entity(body, contentType)));
  }

  public Reply send(String method, String path, String body, String contentType) {
    Invocation.Builder request = request(path);
    return read(
        body == null
            ? request.method(method)
            : request.method(method, Entity.entity(body, contentType)));
  }

  private Invocation.Builder request(String path) {
    Invocation.Builder request = CLIENT.target(root.resolve(path)).request();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    headers.forEach(request::header);
    return request;
  }

  private Reply read(Response response) {
    try (response) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      response
          .getStringHeaders()
          .forEach(
              (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      Reply reply = new Reply(response.getStatus(), Map.copyOf(headers), body);
      transcript.add(reply);
      return reply;
    }
  }
}
