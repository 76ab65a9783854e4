package dev.graft.weave;

import java.util.ArrayList;
import java.util.List;

/**
 * HotSpot's VerifyError message made one line: the verifier's headline, the location (class, method,
 * offset, instruction) and the reason, without the frame, bytecode and stack map dumps that follow them.
 */
final class VerifyErrorReason {
  private static final String LOCATION = "Location:";
  private static final String REASON = "Reason:";

  private VerifyErrorReason() {}

  static String of(VerifyError error) {
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    String[] lines = message.split("\n");
    List<String> parts = new ArrayList<>();
    parts.add(lines[0].trim());
    String location = after(lines, LOCATION);
    if (location != null) {
      parts.add("at " + location);
    }
    String reason = after(lines, REASON);
    if (reason != null) {
      parts.add(reason);
    }
    return String.join(": ", parts);
  }

  /** The line after the one that is only {@code heading}, trimmed; null without it. */
  private static String after(String[] lines, String heading) {
    for (int i = 0; i + 1 < lines.length; i++) {
      if (lines[i].trim().equals(heading)) {
        return lines[i + 1].trim();
      }
    }
    return null;
  }
}
