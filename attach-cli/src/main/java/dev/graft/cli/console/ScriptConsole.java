package dev.graft.cli.console;

import dev.graft.protocol.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * The console without a terminal: commands from an input stream, one a line (a quote or brace left open
 * goes on on the next lines), results printed as each command prints them, so that a session can be
 * scripted. The exit code is 0 when every command succeeded, else the last failing one's.
 */
public final class ScriptConsole {
  private final ConsoleSession session;
  private final BufferedReader in;
  private final PrintStream out;
  private final PrintStream err;
  private int lineNumber;

  public ScriptConsole(ConsoleSession session, BufferedReader in, PrintStream out, PrintStream err) {
    this.session = session;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /** Runs the commands until {@code exit} or the end of the input; returns the session's exit code. */
  public int run() {
    int lastFailure = ExitCodes.OK;
    String text;
    while ((text = nextCommand()) != null) {
      ConsoleLine line = ConsoleLine.split(text);
      if (!line.complete()) {
        err.println("graft: line " + lineNumber + ": the input ended inside " + describe(line.open()) + " opened by the last command; close it");
        lastFailure = ExitCodes.USAGE;
        break;
      }
      if (line.words().isEmpty()) {
        continue;
      }
      if (ConsoleSession.isExit(line.words())) {
        break;
      }
      int code = session.run(line.words(), out, err);
      if (code != ExitCodes.OK) {
        lastFailure = code;
      }
      out.flush();
    }
    int finished = session.finish(question -> {
      out.print(question);
      out.flush();
      String answer = readLine();
      out.println(answer == null ? "(no answer: input ended)" : answer.strip());
      return ConsoleSession.Question.isYes(answer);
    }, out, err);
    out.flush();
    return finished != ExitCodes.OK ? finished : lastFailure;
  }

  /** The next command's text: one line, or several when a quote or brace is still open; null at the end. */
  private String nextCommand() {
    String first = readLine();
    if (first == null) {
      return null;
    }
    StringBuilder text = new StringBuilder(first);
    while (!ConsoleLine.split(text.toString()).complete()) {
      String more = readLine();
      if (more == null) {
        break;
      }
      text.append('\n').append(more);
    }
    return text.toString();
  }

  private String readLine() {
    try {
      String line = in.readLine();
      if (line != null) {
        lineNumber++;
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console's input: " + e.getMessage(), e);
    }
  }

  static String describe(String open) {
    return switch (open) {
      case "{" -> "a block ({ without its })";
      case "'" -> "a quote (' without its closing ')";
      default -> "a quote (\" without its closing \")";
    };
  }
}
