package dev.plugboard.connector.facebook;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Graph API calls the connector makes, as a MicroProfile Rest Client interface built by {@link
 * Graph} with the base URL from the connector's settings.
 *
 * <p>Every method returns the raw {@link Response} (the default exception mapper is off) so that
 * {@link GraphErrors} sees Graph's error bodies; bodies are read as text and parsed with JSON-P, so
 * no plugin class is ever bound by the server's JSON-B (which would pin the plugin's class loader).
 * The API version is a path parameter of each method rather than of the interface, because a
 * template on the interface would also apply to {@link #close()}.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface GraphClient extends AutoCloseable {

  /** Exchanges an authorization code for a user access token. */
  @GET
  @Path("/{version}/oauth/access_token")
  Response exchangeCode(
      @PathParam("version") String version,
      @QueryParam("client_id") String clientId,
      @QueryParam("redirect_uri") String redirectUri,
      @QueryParam("client_secret") String clientSecret,
      @QueryParam("code") String code);

  /** Exchanges a user access token for a long-lived one ({@code grant_type=fb_exchange_token}). */
  @GET
  @Path("/{version}/oauth/access_token")
  Response exchangeToken(
      @PathParam("version") String version,
      @QueryParam("grant_type") String grantType,
      @QueryParam("client_id") String clientId,
      @QueryParam("client_secret") String clientSecret,
      @QueryParam("fb_exchange_token") String token);

  /** One page of the Pages the token's user manages, with their Page tokens. */
  @GET
  @Path("/{version}/me/accounts")
  Response accounts(
      @PathParam("version") String version,
      @QueryParam("fields") String fields,
      @QueryParam("limit") Integer limit,
      @QueryParam("after") String after,
      @QueryParam("access_token") String userToken);

  /** What Graph knows about a token, asked with the app token {@code app-id|app-secret}. */
  @GET
  @Path("/{version}/debug_token")
  Response debugToken(
      @PathParam("version") String version,
      @QueryParam("input_token") String inputToken,
      @QueryParam("access_token") String appToken);

  /** The Send API. */
  @POST
  @Path("/{version}/{pageId}/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  Response sendMessage(
      @PathParam("version") String version,
      @PathParam("pageId") String pageId,
      @QueryParam("access_token") String pageToken,
      String body);

  /** Subscribes the app to a Page's webhook fields. */
  @POST
  @Path("/{version}/{pageId}/subscribed_apps")
  Response subscribeApp(
      @PathParam("version") String version,
      @PathParam("pageId") String pageId,
      @QueryParam("subscribed_fields") String fields,
      @QueryParam("access_token") String pageToken);

  /** Releases the client's connections. */
  @Override
  void close();
}
