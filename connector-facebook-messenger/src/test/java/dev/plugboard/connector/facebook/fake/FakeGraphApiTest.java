package dev.plugboard.connector.facebook.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.facebook.fake.FakeGraphApi.FakeError;
import dev.plugboard.connector.facebook.fake.FakeGraphApi.Operation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake behaves as Facebook does where the connector's tests do not reach. */
class FakeGraphApiTest {

  private final FakeGraphApi graph = FakeGraphApi.start();
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void stop() {
    graph.close();
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(graph.baseUrl()).startsWith("http://127.0.0.1:");
  }

  @Test
  void refusesTheDialogForAnUnknownApp() throws Exception {
    HttpResponse<String> answer =
        get("/v25.0/dialog/oauth?client_id=42&redirect_uri=https%3A%2F%2Fx.example%2Fcb&state=s");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("Invalid App ID");
  }

  @Test
  void refusesTheDialogWithoutRedirectUri() throws Exception {
    assertThat(
            get("/v25.0/dialog/oauth?client_id=" + FakeGraphApi.APP_ID + "&state=s").statusCode())
        .isEqualTo(400);
  }

  @Test
  void escapesWhatItEchoesInTheConsentPage() throws Exception {
    HttpResponse<String> answer =
        get(
            "/v25.0/dialog/oauth?client_id="
                + FakeGraphApi.APP_ID
                + "&redirect_uri=https%3A%2F%2Fx.example%2Fcb&state=%22%3E%3Cscript%3E&scope=a%3Cb");

    assertThat(answer.body()).doesNotContain("<script>").doesNotContain("a<b");
  }

  @Test
  void answersUnknownPathsWithAGraphError() throws Exception {
    HttpResponse<String> answer = get("/v25.0/me/feed");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("\"code\":2500", "fbtrace_id");
  }

  @Test
  void failsOnlyTheNextCallOfAnOperation() throws Exception {
    graph.failNext(Operation.DEBUG_TOKEN, FakeError.TRANSIENT);
    String appToken = FakeGraphApi.APP_ID + "%7C" + FakeGraphApi.APP_SECRET;
    String path = "/v25.0/debug_token?input_token=" + appToken + "&access_token=" + appToken;

    HttpResponse<String> first = get(path);
    HttpResponse<String> second = get(path);

    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(first.body()).contains("\"is_transient\":true");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).contains("\"type\":\"APP\"", "\"is_valid\":true");
    assertThat(graph.received(Operation.DEBUG_TOKEN)).hasSize(2);
  }

  @Test
  void refusesAPageTokenUsedForAnotherPage() throws Exception {
    graph.addPage("908070605040302", "Second Page");
    String token = graph.pageToken(FakeGraphApi.PAGE_ID);

    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        graph.baseUrl()
                            + "/v25.0/908070605040302/subscribed_apps?subscribed_fields=messages&access_token="
                            + token))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(graph.subscriptions()).isEmpty();
  }

  @Test
  void resetForgetsWhatEarlierTestsSetUp() throws Exception {
    graph.removePages().addPage("908070605040302", "Second Page").autoApprove(true);
    graph.failNext(Operation.DEBUG_TOKEN, FakeError.TRANSIENT);
    get("/v25.0/me/feed");

    graph.reset();

    assertThat(graph.received()).isEmpty();
    String appToken = FakeGraphApi.APP_ID + "%7C" + FakeGraphApi.APP_SECRET;
    assertThat(
            get("/v25.0/debug_token?input_token=" + appToken + "&access_token=" + appToken)
                .statusCode())
        .as("no failure left queued")
        .isEqualTo(200);
    HttpResponse<String> dialog =
        get(
            "/v25.0/dialog/oauth?client_id="
                + FakeGraphApi.APP_ID
                + "&redirect_uri=https%3A%2F%2Fx.example%2Fcb&state=s&scope=pages_show_list");
    assertThat(dialog.statusCode()).as("the consent page again").isEqualTo(200);
  }

  @Test
  void signsDeliveriesAsMetaDoes() {
    byte[] body = MessengerDeliveries.textMessage("1", "2", "m_1", "caf\u00e9 / \"ok\"", 3);

    assertThat(new String(body, java.nio.charset.StandardCharsets.US_ASCII))
        .contains("caf\\u00e9 \\/ \\\"ok\\\"");
    assertThat(MessengerDeliveries.sign("secret", body)).startsWith("sha256=").hasSize(71);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(graph.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
