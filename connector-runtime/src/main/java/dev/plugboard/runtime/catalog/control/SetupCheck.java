package dev.plugboard.runtime.catalog.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import dev.plugboard.runtime.problem.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector's verdict on an effective setup, split the way the API needs it: a value that was
 * given but is wrong refuses a save (422), while a value nobody gave yet only leaves the connection
 * in {@code NEEDS_SETUP} until someone does.
 *
 * @param descriptor the connector
 * @param effective the values checked
 * @param validation the connector's result, one entry per field
 */
public record SetupCheck(ConnectorDescriptor descriptor, Setup effective, Validation validation) {

  /**
   * @param connector the connector to ask
   * @param effective the values to check
   * @return the verdict
   */
  public static SetupCheck of(Connector connector, Setup effective) {
    return new SetupCheck(connector.descriptor(), effective, connector.validate(effective));
  }

  /**
   * @param descriptor a connector
   * @return the defaults its schema declares
   */
  public static Setup schemaDefaults(ConnectorDescriptor descriptor) {
    Map<String, String> defaults = new LinkedHashMap<>();
    descriptor.authFields().forEach(f -> f.defaultValue().ifPresent(v -> defaults.put(f.key(), v)));
    return new Setup(defaults);
  }

  /**
   * @return whether every field is valid, required ones given
   */
  public boolean complete() {
    return validation.valid();
  }

  /**
   * @return every problem, as the validate endpoint reports them
   */
  public List<FieldError> errors() {
    return validation.errors().stream().map(e -> new FieldError(e.field(), e.message())).toList();
  }

  /**
   * @return the problems of fields that have a value: these refuse a save
   */
  public List<FieldError> invalidValues() {
    return errors().stream().filter(e -> effective.has(e.field())).toList();
  }

  /**
   * @return the fields with problems that have no value yet, in schema order
   */
  public List<Field> missing() {
    return validation.results().stream()
        .filter(r -> !r.valid() && !effective.has(r.key()))
        .flatMap(r -> descriptor.authField(r.key()).stream())
        .toList();
  }
}
