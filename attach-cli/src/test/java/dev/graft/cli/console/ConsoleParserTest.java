package dev.graft.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser.ParseContext;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** The console's lines as JLine reads them (its own dumb terminal, on piped streams) and as completion sees them. */
class ConsoleParserTest {
  private static String readOneCommand(String typed) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
    try (DumbTerminal terminal = new DumbTerminal("test", "dumb", in, new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
      LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(new ConsoleParser())
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true).build();
      return reader.readLine("> ");
    }
  }

  @Test
  void enterInsideABlock_goesOnToTheNextLine_untilTheBraceCloses() throws IOException {
    assertEquals("inject Pricing:13 {\n  if (total > 100) {\n    total = 100;\n  }\n}",
        readOneCommand("inject Pricing:13 {\n  if (total > 100) {\n    total = 100;\n  }\n}\nlist\n"));
  }

  @Test
  void enterInsideAQuote_goesOnToo_andBangIsJavasNot() throws IOException {
    assertEquals("inject X:1 'if (!done)\n  done = true;'", readOneCommand("inject X:1 'if (!done)\n  done = true;'\n"));
  }

  @Test
  void aCompleteLine_isOneCommand() throws IOException {
    assertEquals("list", readOneCommand("list\nrevert 2\n"));
  }

  @Test
  void completion_inASnippet_completesTheJavaNameAtTheCursor() {
    String text = "inject Pricing:12 'rate = ra";
    ConsoleParser.Parsed line = (ConsoleParser.Parsed) new ConsoleParser().parse(text, text.length(), ParseContext.COMPLETE);
    assertTrue(line.inSnippet());
    assertEquals("ra", line.word());
    assertEquals(2, line.wordCursor());
    assertEquals(List.of("inject", "Pricing:12"), line.split().before());
  }

  @Test
  void completion_outsideASnippet_completesTheWholeWord() {
    String text = "inject Pricing#disc";
    ConsoleParser.Parsed line = (ConsoleParser.Parsed) new ConsoleParser().parse(text, text.length(), ParseContext.COMPLETE);
    assertFalse(line.inSnippet());
    assertEquals("Pricing#disc", line.word());
    assertEquals(1, line.wordIndex());
  }
}
