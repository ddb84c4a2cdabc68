package dev.plugboard.runtime.plugin.boundary;

import dev.plugboard.runtime.audit.control.AuditLog;
import dev.plugboard.runtime.paging.Page;
import dev.plugboard.runtime.plugin.control.InstalledPlugin;
import dev.plugboard.runtime.plugin.control.PluginFolder;
import dev.plugboard.runtime.plugin.control.PluginId;
import dev.plugboard.runtime.plugin.control.Plugins;
import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.security.boundary.Callers;
import dev.plugboard.runtime.security.boundary.OperatorOnly;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Connector plugins: jars in the plugins folder, each loaded in its own class loader. Adding or
 * removing one takes effect at once, without a restart; the folder stays the record of what is
 * installed.
 */
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Timed
@OperatorOnly
@Tag(name = "Plugins")
public class PluginsResource {

  /** The media type of a jar; {@code application/octet-stream} is accepted too. */
  public static final String JAVA_ARCHIVE = "application/java-archive";

  private static final Pattern FILE_NAME =
      Pattern.compile("filename\\*?=(?:UTF-8'')?\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

  @Inject Plugins plugins;
  @Inject PluginFolder folder;
  @Inject AuditLog audit;

  @Context SecurityContext security;

  @GET
  @Operation(
      summary =
          "Every plugin jar in the plugins folder with the connectors it runs and what was refused,"
              + " with the reasons")
  public Page<PluginView> list() {
    return new Page<>(plugins.list().stream().map(PluginView::of).toList(), null);
  }

  @GET
  @Path("{pluginId}")
  @Operation(summary = "One plugin")
  public PluginView get(@PathParam("pluginId") String id) {
    return plugins
        .find(id)
        .map(PluginView::of)
        .orElseThrow(() -> ProblemException.notFound("plugin", id));
  }

  @POST
  @Consumes({JAVA_ARCHIVE, MediaType.APPLICATION_OCTET_STREAM})
  @Operation(
      summary =
          "Add a connector jar, or replace the plugin with the same id, without restart. The id is"
              + " ?name=, else the Content-Disposition file name, else the id of its first"
              + " connector")
  @APIResponse(responseCode = "201", description = "Installed; Location names the plugin")
  @APIResponse(responseCode = "200", description = "Replaced the plugin with the same id")
  @APIResponse(
      responseCode = "409",
      description = "Replacing would remove connectors that have connections (force=true does)")
  @APIResponse(responseCode = "413", description = "Larger than plugboard.plugins.max-jar-bytes")
  @APIResponse(
      responseCode = "422",
      description = "Not a usable jar, or all its connectors were refused; the jar is not kept")
  public Response install(
      InputStream body,
      @QueryParam("name") String name,
      @QueryParam("force") boolean force,
      @HeaderParam("Content-Disposition") String disposition,
      @Context UriInfo uri) {
    Optional<String> requested = requestedId(name, disposition);
    java.nio.file.Path staged = folder.stage(body);
    try {
      Plugins.Installed installed = plugins.install(requested, staged, force);
      InstalledPlugin plugin = installed.plugin();
      audit.record(
          Callers.of(security).getName(),
          Optional.empty(),
          installed.replaced() ? "plugin.replaced" : "plugin.installed",
          "plugin/" + plugin.id(),
          "connectors: " + String.join(", ", plugin.connectorIds()));
      return (installed.replaced()
              ? Response.ok()
              : Response.created(uri.getAbsolutePathBuilder().path(plugin.id()).build()))
          .entity(PluginView.of(plugin))
          .build();
    } finally {
      PluginFolder.deleteStaged(staged);
    }
  }

  @DELETE
  @Path("{pluginId}")
  @Operation(
      summary =
          "Remove a plugin and its jar. Refused while its connectors have connections, unless"
              + " force=true: those connections then show status ERROR until it returns")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "409", description = "Its connectors have connections")
  public void remove(@PathParam("pluginId") String id, @QueryParam("force") boolean force) {
    Map<String, Long> stranded = plugins.remove(id, force);
    audit.record(
        Callers.of(security).getName(),
        Optional.empty(),
        "plugin.removed",
        "plugin/" + id,
        stranded.isEmpty()
            ? "no connections"
            : "forced; connections left without connector: "
                + stranded.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
  }

  private static Optional<String> requestedId(String name, String disposition) {
    String given = name;
    if ((given == null || given.isBlank()) && disposition != null) {
      Matcher file = FILE_NAME.matcher(disposition);
      if (file.find()) {
        given = file.group(1).replaceAll(".*[/\\\\]", "");
      }
    }
    if (given == null || given.isBlank()) {
      return Optional.empty();
    }
    String id = given.strip();
    if (id.toLowerCase(Locale.ROOT).endsWith(".jar")) {
      id = id.substring(0, id.length() - 4);
    }
    if (!PluginId.valid(id)) {
      throw ProblemException.badRequest("A plugin name must be " + PluginId.RULE + ".");
    }
    return Optional.of(id);
  }
}
