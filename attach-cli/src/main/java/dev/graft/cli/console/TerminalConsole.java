package dev.graft.cli.console;

import dev.graft.cli.command.WatchCommand;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The console in a terminal (JLine): a prompt with history and completion, snippets over several lines in
 * braces, watches streaming above the prompt while the next command is typed, and Ctrl-C ending the
 * watches (never the console). Ctrl-D or {@code exit} leaves, asking whether to revert what the session applied.
 */
public final class TerminalConsole {
  private static final long WATCH_END_WAIT_MILLIS = 5_000;

  private final ConsoleSession session;
  private final Terminal terminal;
  private final Path history;
  private final List<Thread> watches = new ArrayList<>();

  public TerminalConsole(ConsoleSession session, Terminal terminal, Path history) {
    this.session = session;
    this.terminal = terminal;
    this.history = history;
  }

  public int run() {
    LineReader reader = LineReaderBuilder.builder()
        .appName("graft")
        .terminal(terminal)
        .parser(new ConsoleParser())
        .completer(new ConsoleCompleter(session))
        .variable(LineReader.HISTORY_FILE, history)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P > ") // the prompt's width of blanks, then "> "
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // `!` is Java's not, never history
        .option(LineReader.Option.INSERT_TAB, false)
        .build();
    PrintStream above = new PrintStream(new AboveOutput(reader), true, StandardCharsets.UTF_8);
    // Ctrl-C while a command runs (the terminal is not raw then): the watches end, the console stays
    terminal.handle(Terminal.Signal.INT, signal -> WatchCommand.stopAll());
    above.println("graft console on JVM " + session.pid() + ": `help` lists the commands, Tab completes, Ctrl-C ends a watch, "
        + "`exit` or Ctrl-D leaves");
    String prompt = "graft " + session.pid() + "> ";
    while (true) {
      String text;
      try {
        text = reader.readLine(prompt);
      } catch (UserInterruptException e) {
        if (WatchCommand.anyStreaming()) {
          WatchCommand.stopAll();
        } else {
          above.println("(no watch is running; `exit` or Ctrl-D leaves the console)");
        }
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      ConsoleLine line = ConsoleLine.split(text);
      if (line.words().isEmpty()) {
        continue;
      }
      if (ConsoleSession.isExit(line.words())) {
        break;
      }
      if (line.words().get(0).equals("watch")) {
        startWatch(line.words(), above);
      } else {
        session.run(line.words(), above, above);
      }
    }
    endWatches();
    reader.variable(LineReader.DISABLE_HISTORY, true); // the answer is not a command to recall
    int code = session.finish(question -> {
      try {
        return ConsoleSession.Question.isYes(reader.readLine(question));
      } catch (UserInterruptException | EndOfFileException e) {
        return false;
      }
    }, above, above);
    above.flush();
    terminal.writer().flush();
    return code;
  }

  /** A watch streams in the background, its lines above the prompt, until its end or Ctrl-C. */
  private void startWatch(List<String> words, PrintStream above) {
    Thread watch = new Thread(() -> session.run(words, above, above), "graft-console-watch");
    watch.setDaemon(true);
    watches.removeIf(thread -> !thread.isAlive());
    watches.add(watch);
    watch.start();
  }

  /** Leaving: every watch is ended, and its patch reverted by the agent, before the session's patches are asked about. */
  private void endWatches() {
    WatchCommand.stopAll();
    for (Thread watch : watches) {
      try {
        watch.join(WATCH_END_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
