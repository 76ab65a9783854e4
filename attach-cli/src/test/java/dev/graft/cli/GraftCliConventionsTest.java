package dev.graft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a newcomer types first: help on every command, one-line usage errors, JSON for every outcome. */
class GraftCliConventionsTest {
  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = GraftCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyCommand_takesHelpAndH_onStdout_exit0() {
    for (String command : List.of("ps", "show", "inject", "rebind", "apply", "list", "diff", "revert", "completion", "console")) {
      for (String help : List.of("--help", "-h")) {
        Result result = run(command, help);
        assertEquals(0, result.exitCode(), command + " " + help + ": " + result);
        assertTrue(result.out().startsWith("Usage: graft " + command), command + " " + help + ": " + result);
        assertEquals("", result.err(), command + " " + help);
      }
    }
  }

  @Test
  void aUsageError_isOneLineAndTheWayToHelp() {
    Result result = run("show", "1", "X", "--no-such-option");
    assertEquals(2, result.exitCode());
    assertEquals("graft: Unknown option: '--no-such-option'\nsee 'graft show --help'\n", result.err().replace("\r", ""));
  }

  @Test
  void aUsageError_withJson_isOneErrorDocumentOnStdout() {
    Result result = run("inject", "1", "--json");
    assertEquals(2, result.exitCode());
    assertEquals("{\"error\":{\"exitCode\":2,\"message\":\"Missing required parameter: 'TARGET'\"}}\n", result.out().replace("\r", ""));
  }
}
