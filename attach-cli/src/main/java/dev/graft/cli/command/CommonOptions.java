package dev.graft.cli.command;

import picocli.CommandLine.Option;

/** Options every command takes (DESIGN §2); the commands that name classes or compile add {@link LoaderOptions}, {@link CompileOptions}. */
public final class CommonOptions {
  @Option(names = "--json", description = "Print one JSON document on stdout (errors too).")
  boolean json;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
      description = "Wait at most this long for the JVM to answer (10s, 500ms, 2m); then exit 3 saying what the process is doing.")
  java.time.Duration timeout;

  /** {@code 10s}, {@code 500ms}, {@code 2m}, or a number of seconds. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String text) {
      java.util.regex.Matcher parts = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)?").matcher(text.trim());
      if (!parts.matches()) {
        throw new picocli.CommandLine.TypeConversionException("'" + text + "' is not a duration: write 10s, 500ms or 2m");
      }
      long amount = Long.parseLong(parts.group(1));
      String unit = parts.group(2) == null ? "s" : parts.group(2);
      return switch (unit) {
        case "ms" -> java.time.Duration.ofMillis(amount);
        case "m" -> java.time.Duration.ofMinutes(amount);
        default -> java.time.Duration.ofSeconds(amount);
      };
    }
  }

  @Option(names = {"-v", "--verbose"}, description = "Say more about what graft does.")
  boolean verbose;
}
