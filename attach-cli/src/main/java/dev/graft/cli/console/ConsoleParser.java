package dev.graft.cli.console;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of a console line, from {@link ConsoleLine}: a line with a quote or brace left open is not
 * accepted yet (Enter goes on to the next line, as a shell's does), and completion gets the word being
 * typed; inside a snippet (a quote or a block) that word is the Java identifier at the cursor.
 */
final class ConsoleParser implements Parser {
  @Override
  public ParsedLine parse(String text, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE) {
      ConsoleLine line = ConsoleLine.split(text);
      if (!line.complete()) {
        throw new EOFError(-1, -1, "the command goes on: " + ScriptConsole.describe(line.open()) + " is open", line.open());
      }
      return new Parsed(text, cursor, line);
    }
    return new Parsed(text, cursor, ConsoleLine.split(text.substring(0, Math.min(cursor, text.length()))));
  }

  /** A line as completion sees it: the words before the cursor, and the one being typed last. */
  static final class Parsed implements CompletingParsedLine {
    private final String text;
    private final int cursor;
    private final ConsoleLine line;
    private final List<String> words;
    private final String word;

    Parsed(String text, int cursor, ConsoleLine line) {
      this.text = text;
      this.cursor = cursor;
      this.line = line;
      this.words = new ArrayList<>(line.before());
      this.word = inSnippet() ? identifierAtEnd(line.current()) : line.current();
      this.words.add(word);
    }

    /** Whether the cursor is inside a snippet: a quote or a block still open before it. */
    boolean inSnippet() {
      return !line.complete();
    }

    ConsoleLine split() {
      return line;
    }

    private static String identifierAtEnd(String code) {
      int start = code.length();
      while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
        start--;
      }
      return code.substring(start);
    }

    /** Candidates go in as they are: classes, targets and Java names need no quoting. */
    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      return candidate;
    }

    @Override
    public int rawWordCursor() {
      return word.length();
    }

    @Override
    public int rawWordLength() {
      return word.length();
    }

    @Override
    public String word() {
      return word;
    }

    @Override
    public int wordCursor() {
      return word.length();
    }

    @Override
    public int wordIndex() {
      return words.size() - 1;
    }

    @Override
    public List<String> words() {
      return words;
    }

    @Override
    public String line() {
      return text;
    }

    @Override
    public int cursor() {
      return cursor;
    }
  }
}
