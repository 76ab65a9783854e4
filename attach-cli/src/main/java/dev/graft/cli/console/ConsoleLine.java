package dev.graft.cli.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A console line split into words as a shell would (blanks separate words; {@code '...'} keeps text as it
 * is, {@code "..."} too but for {@code \"} and {@code \\}; a backslash keeps the next character), plus
 * graft's blocks: a word that starts with an open brace runs until its brace is closed, across lines, and
 * stands for the Java inside it, as in a patch script ({@code inject Pricing:12 { rate = 0.5; }}). Braces in
 * the block's strings, characters and comments do not count. A {@code #} that starts a word starts a comment.
 *
 * @param words the words; the last one is the one still open when {@code open} is not null
 * @param open what is left open at the end: {@code "'"}, {@code "\""} or {@code "{"}; null when the line is complete
 * @param endsInWord whether the text ends inside a word (no blank after it): completion completes that word
 * @param lastWordStart where the last word starts in the text (its opening quote or brace included)
 */
public record ConsoleLine(List<String> words, String open, boolean endsInWord, int lastWordStart) {
  public static ConsoleLine split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    String open = null;
    int lastWordStart = text.length();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (word == null) {
        if (Character.isWhitespace(c)) {
          i++;
          continue;
        }
        if (c == '#') { // a comment, to the end of its line
          while (i < text.length() && text.charAt(i) != '\n') {
            i++;
          }
          continue;
        }
        word = new StringBuilder();
        lastWordStart = i;
        if (c == '{') {
          int end = blockEnd(text, i);
          if (end < 0) {
            word.append(text, i + 1, text.length());
            open = "{";
            i = text.length();
            break;
          }
          words.add(text.substring(i + 1, end).strip());
          word = null;
          i = end + 1;
          continue;
        }
      }
      if (Character.isWhitespace(c)) {
        words.add(word.toString());
        word = null;
        i++;
      } else if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        if (end < 0) {
          word.append(text, i + 1, text.length());
          open = "'";
          break;
        }
        word.append(text, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          char inside = text.charAt(i);
          if (inside == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
            i++;
            inside = text.charAt(i);
          }
          word.append(inside);
          i++;
        }
        if (i >= text.length()) {
          open = "\"";
          break;
        }
        i++;
      } else if (c == '\\' && i + 1 < text.length()) {
        word.append(text.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    boolean endsInWord = word != null;
    if (word != null) {
      words.add(word.toString());
    }
    return new ConsoleLine(List.copyOf(words), open, endsInWord, endsInWord ? lastWordStart : text.length());
  }

  /** Whether the line is whole: no quote or brace left open (else the console reads another line). */
  public boolean complete() {
    return open == null;
  }

  /** The word being typed at the end of the text ("" after a blank): what completion completes. */
  public String current() {
    return endsInWord ? words.get(words.size() - 1) : "";
  }

  /** The words before the one being typed. */
  public List<String> before() {
    return endsInWord ? words.subList(0, words.size() - 1) : words;
  }

  /**
   * Where the brace opened at {@code start} is closed, skipping Java strings, characters and comments;
   * -1 when it is not closed yet.
   */
  private static int blockEnd(String text, int start) {
    int depth = 0;
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = literalEnd(text, i, c);
        continue;
      }
      if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        int newline = text.indexOf('\n', i);
        i = newline < 0 ? text.length() : newline;
        continue;
      }
      if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? text.length() : close + 2;
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /** Just past the Java string or character literal opened at {@code start} (or the text's end). */
  private static int literalEnd(String text, int start, char quote) {
    int i = start + 1;
    while (i < text.length() && text.charAt(i) != quote && text.charAt(i) != '\n') {
      i += text.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(text.length(), i + 1);
  }
}
