package dev.graft.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the console splits what is typed: shell-like words, and Java blocks in braces that go on over lines. */
class ConsoleLineTest {
  @Test
  void split_singleQuotesKeepASnippetAsOneWord() {
    ConsoleLine line = ConsoleLine.split("inject Pricing:12 'if (rate > 0.5) rate = 0.5;'");
    assertEquals(List.of("inject", "Pricing:12", "if (rate > 0.5) rate = 0.5;"), line.words());
    assertTrue(line.complete());
  }

  @Test
  void split_doubleQuotesTakeEscapedQuotesAndBackslashes() {
    assertEquals(List.of("watch", "X:3", "s + \"!\"", "a\\b"), ConsoleLine.split("watch X:3 \"s + \\\"!\\\"\" \"a\\\\b\"").words());
  }

  @Test
  void split_aBackslashKeepsTheNextCharacter_andBlanksSeparateWords() {
    assertEquals(List.of("revert", "2", "a b"), ConsoleLine.split("  revert \t 2   a\\ b ").words());
  }

  @Test
  void split_aBlockStandsForTheJavaInsideItsBraces() {
    ConsoleLine line = ConsoleLine.split("inject Pricing:13 {\n  if (total > 100) {\n    total = 100;\n  }\n}");
    assertEquals(List.of("inject", "Pricing:13", "if (total > 100) {\n    total = 100;\n  }"), line.words());
    assertTrue(line.complete());
  }

  @Test
  void split_aBlockOpenAtTheEndOfTheLine_isIncomplete_untilItsBraceCloses() {
    ConsoleLine first = ConsoleLine.split("inject Pricing:13 {");
    assertFalse(first.complete());
    assertEquals("{", first.open());
    ConsoleLine second = ConsoleLine.split("inject Pricing:13 {\n  if (total > 100) {");
    assertEquals("{", second.open());
    ConsoleLine closed = ConsoleLine.split("inject Pricing:13 {\n  if (total > 100) {\n total = 100; }\n}");
    assertTrue(closed.complete());
    assertEquals("if (total > 100) {\n total = 100; }", closed.words().get(2));
  }

  @Test
  void split_bracesInStringsCharactersAndCommentsOfABlock_doNotCount() {
    ConsoleLine line = ConsoleLine.split("inject X:1 { s = \"}\"; c = '}'; // }\n /* } */ t = \"\\\"}\"; }");
    assertTrue(line.complete(), line::toString);
    assertEquals("s = \"}\"; c = '}'; // }\n /* } */ t = \"\\\"}\";", line.words().get(2));
  }

  @Test
  void split_anOpenQuote_isIncomplete() {
    assertEquals("'", ConsoleLine.split("inject X:1 'rate = 0.5;").open());
    assertEquals("\"", ConsoleLine.split("inject X:1 \"rate").open());
  }

  @Test
  void split_aHashStartingAWordIsAComment_insideAWordItIsAMethod() {
    assertEquals(List.of("show", "Pricing#price"), ConsoleLine.split("show Pricing#price # what runs").words());
    assertEquals(List.of(), ConsoleLine.split("# a whole line of comment").words());
  }

  @Test
  void current_isTheWordBeingTyped_emptyAfterABlank() {
    ConsoleLine typing = ConsoleLine.split("inject Pric");
    assertEquals("Pric", typing.current());
    assertEquals(List.of("inject"), typing.before());
    assertEquals(7, typing.lastWordStart());
    ConsoleLine next = ConsoleLine.split("inject Pricing:12 ");
    assertEquals("", next.current());
    assertEquals(List.of("inject", "Pricing:12"), next.before());
  }

  @Test
  void complete_lineWithNothingOpen_hasNoOpenPart() {
    assertNull(ConsoleLine.split("list").open());
  }
}
