package dev.plugboard.runtime.catalog.boundary;

import dev.plugboard.connector.Capabilities;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.Icon;
import dev.plugboard.connector.action.ActionDescriptor;
import dev.plugboard.connector.schema.Field;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * A connector as the marketplace shows it. The icon is a {@code data:} URI, so that an {@code
 * <img>} shows it without the API key a separate icon URL would need.
 *
 * @param id the stable id
 * @param name the display name
 * @param version the connector's version
 * @param description the card's text
 * @param iconUrl the icon as a data URI, or {@code null}
 * @param categories the card's labels
 * @param authorization {@code oauth2}, {@code api-key} or {@code none}
 * @param authFields the auth-field schema, in display order
 * @param capabilities what the connector can do beyond setup
 */
public record ConnectorView(
    String id,
    String name,
    String version,
    String description,
    String iconUrl,
    List<String> categories,
    String authorization,
    List<FieldView> authFields,
    CapabilitiesView capabilities) {

  /**
   * One auth or input field.
   *
   * @param key the stable key
   * @param label the label
   * @param help the help text
   * @param type {@code text}, {@code secret}, {@code list}, {@code url}, {@code boolean} or {@code
   *     choice}
   * @param required whether a value is required
   * @param secret whether it is write-only
   * @param defaultValue the default, or {@code null}
   * @param choices the choices of a choice field
   * @param pattern the pattern values must match, or {@code null}
   * @param level {@code operator}, {@code tenant} or {@code both}
   */
  public record FieldView(
      String key,
      String label,
      String help,
      String type,
      boolean required,
      boolean secret,
      @JsonbProperty("default") String defaultValue,
      List<String> choices,
      String pattern,
      String level) {

    /**
     * @param f a field of a connector's schema
     * @return how the API shows it
     */
    public static FieldView of(Field f) {
      return new FieldView(
          f.key(),
          f.label(),
          f.help(),
          f.type().jsonName(),
          f.required(),
          f.secret(),
          f.defaultValue().orElse(null),
          f.choices(),
          f.pattern().orElse(null),
          f.level().jsonName());
    }
  }

  /**
   * @param webhooks whether it receives the provider's webhooks
   * @param connectionTest whether connections can be tested
   * @param actions the actions it offers
   */
  public record CapabilitiesView(
      boolean webhooks, boolean connectionTest, List<ActionView> actions) {

    static CapabilitiesView of(Capabilities c) {
      return new CapabilitiesView(
          c.webhooks(), c.connectionTest(), c.actions().stream().map(ActionView::of).toList());
    }
  }

  /**
   * @param name the action's stable name
   * @param label what people see
   * @param description what it does
   * @param input its input fields
   */
  public record ActionView(String name, String label, String description, List<FieldView> input) {

    static ActionView of(ActionDescriptor a) {
      return new ActionView(
          a.name(), a.label(), a.description(), a.input().stream().map(FieldView::of).toList());
    }
  }

  /**
   * @param d a connector's descriptor
   * @return its marketplace view
   */
  public static ConnectorView of(ConnectorDescriptor d) {
    return new ConnectorView(
        d.id(),
        d.name(),
        d.version(),
        d.description(),
        d.icon().map(Icon::dataUri).orElse(null),
        d.categories(),
        d.authorization().kind(),
        d.authFields().stream().map(FieldView::of).toList(),
        CapabilitiesView.of(d.capabilities()));
  }
}
