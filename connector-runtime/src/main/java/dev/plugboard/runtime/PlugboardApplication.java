package dev.plugboard.runtime;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The HTTP API. It lives under {@code /api/v1} rather than at the root so that the admin UI ({@code
 * /admin/}) and the public OAuth and webhook endpoints can share the server.
 */
@ApplicationPath("api/v1")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Plugboard",
            version = "1",
            description =
                "Multi-tenant connector platform: tenants install connectors, set them up and"
                    + " authorize them. Authenticate with `Authorization: Bearer <api key>`."),
    security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(
    securitySchemeName = "apiKey",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "The operator key or a tenant key")
public class PlugboardApplication extends Application {}
