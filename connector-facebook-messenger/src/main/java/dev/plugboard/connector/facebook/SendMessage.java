package dev.plugboard.connector.facebook;

import static dev.plugboard.connector.facebook.MessengerDescriptor.MESSAGING_TYPE;
import static dev.plugboard.connector.facebook.MessengerDescriptor.RECIPIENT_ID;
import static dev.plugboard.connector.facebook.MessengerDescriptor.TAG;
import static dev.plugboard.connector.facebook.MessengerDescriptor.TEXT;

import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldResult;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A validated {@code send-message} input and the Send API body made from it.
 *
 * @param recipientId the person's Page-scoped id
 * @param text the message text
 * @param messagingType RESPONSE, UPDATE or MESSAGE_TAG
 * @param tag the message tag, present exactly when the type is MESSAGE_TAG
 */
record SendMessage(String recipientId, String text, String messagingType, Optional<String> tag) {

  static final int MAX_TEXT = 2000;
  static final String RESPONSE = "RESPONSE";
  static final String MESSAGE_TAG = "MESSAGE_TAG";
  static final List<String> MESSAGING_TYPES = List.of(RESPONSE, "UPDATE", MESSAGE_TAG);
  static final List<String> TAGS =
      List.of("HUMAN_AGENT", "ACCOUNT_UPDATE", "CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE");

  /**
   * Checks an input against the action's fields and the Send API's rules, one result per field.
   *
   * @param fields the declared input fields
   * @param input the caller's values
   * @return the outcome
   */
  static Validation validate(List<Field> fields, Setup input) {
    Validation generic = Validation.of(fields, input);
    // The SPI's text type is one line, but a message may have several: the text field is checked
    // here instead.
    List<FieldResult> results = new ArrayList<>();
    for (FieldResult result : generic.results()) {
      results.add(result.key().equals(TEXT) ? new FieldResult(TEXT, textProblems(input)) : result);
    }
    Validation validation = new Validation(results);
    String type = input.value(MESSAGING_TYPE).orElse(RESPONSE);
    if (validation.valid(MESSAGING_TYPE) && validation.valid(TAG)) {
      if (type.equals(MESSAGE_TAG) && !input.has(TAG)) {
        validation = validation.and(TAG, "Tag is required when the messaging type is MESSAGE_TAG");
      } else if (!type.equals(MESSAGE_TAG) && input.has(TAG)) {
        validation = validation.and(TAG, "Tag is only used when the messaging type is MESSAGE_TAG");
      }
    }
    return validation;
  }

  private static List<String> textProblems(Setup input) {
    Optional<String> text = input.value(TEXT);
    if (text.isEmpty()) {
      return List.of("Text is required");
    }
    String value = text.get();
    // Counted in code points so that an emoji counts as one character.
    if (value.codePointCount(0, value.length()) > MAX_TEXT) {
      return List.of("Text must be at most " + MAX_TEXT + " characters");
    }
    return List.of();
  }

  /**
   * Reads a validated input, or refuses it with every problem found.
   *
   * @param fields the declared input fields
   * @param input the caller's values
   * @return the message to send
   * @throws CallerException naming the fields in error
   */
  static SendMessage from(List<Field> fields, Setup input) {
    Validation validation = validate(fields, input);
    if (!validation.valid()) {
      StringBuilder reason = new StringBuilder("invalid send-message input:");
      validation
          .errors()
          .forEach(
              e ->
                  reason
                      .append(' ')
                      .append(e.field())
                      .append(": ")
                      .append(e.message())
                      .append(';'));
      throw new CallerException(reason.substring(0, reason.length() - 1));
    }
    return new SendMessage(
        input.require(RECIPIENT_ID),
        input.require(TEXT),
        input.value(MESSAGING_TYPE).orElse(RESPONSE),
        input.value(TAG));
  }

  /**
   * @return the Send API request body
   */
  JsonObject body() {
    var json = Jsonp.PROVIDER;
    var body =
        json.createObjectBuilder()
            .add("recipient", json.createObjectBuilder().add("id", recipientId))
            .add("messaging_type", messagingType)
            .add("message", json.createObjectBuilder().add("text", text));
    tag.ifPresent(t -> body.add("tag", t));
    return body.build();
  }
}
