package dev.plugboard.runtime.problem;

/** The shared answer to request bodies the JSON readers gave up on. */
final class UnreadableBody {

  private UnreadableBody() {}

  static Problem problem(RuntimeException exception) {
    // The parser's message quotes the input, which may be a secret: it is not passed on.
    return Failures.known(exception)
        .orElseGet(
            () ->
                Problem.of(400, "The request body is not well-formed JSON of the expected shape."));
  }
}
