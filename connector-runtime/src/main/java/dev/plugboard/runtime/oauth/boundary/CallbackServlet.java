package dev.plugboard.runtime.oauth.boundary;

import dev.plugboard.runtime.ServiceDomain;
import dev.plugboard.runtime.oauth.control.Callbacks;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The OAuth 2 redirect URI, {@code {service-domain}/connector/callback}: public (the browser comes
 * from the provider, with no API key), outside the JAX-RS API so that its filters never apply. It
 * answers with a redirect to the connection's page in the admin UI ({@code 303
 * /admin/#/connections/{id}?authorized=1}, or {@code ?error=…&message=…}); when the authorization
 * was started from an end-customer setup link, to the setup page instead ({@code 303
 * /admin/setup.html#authorized=1}, or {@code #error=…&message=…}); or, when there is no connection
 * to go back to (a bad, used or expired state), with a short error page.
 */
@WebServlet(ServiceDomain.CALLBACK_PATH)
public class CallbackServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient Callbacks callbacks;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // The URL carries a code and a state: keep it out of caches and out of Referer headers.
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
    Callbacks.Outcome outcome =
        callbacks.complete(
            new Callbacks.Request(
                parameter(request, "state"),
                parameter(request, "code"),
                parameter(request, "error"),
                parameter(request, "error_description")));
    if (outcome instanceof Callbacks.BackToConnection back) {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader(
          "Location",
          request.getContextPath()
              + "/admin/#/connections/"
              + back.connection()
              + "?"
              + query(back.query()));
      return;
    }
    if (outcome instanceof Callbacks.BackToSetupPage back) {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader(
          "Location", request.getContextPath() + "/admin/setup.html#" + query(back.fragment()));
      return;
    }
    Callbacks.ErrorPage page = (Callbacks.ErrorPage) outcome;
    response.setStatus(page.status());
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'");
    response
        .getWriter()
        .write(CallbackPage.render(page.title(), page.message(), request.getContextPath()));
  }

  private static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(e -> e.getKey() + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static Optional<String> parameter(HttpServletRequest request, String name) {
    return Optional.ofNullable(request.getParameter(name));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
