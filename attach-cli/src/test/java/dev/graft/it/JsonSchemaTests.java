package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's table of JSON documents is the contract: every command's {@code --json} output has exactly
 * the fields the table lists (nested objects too), and every failure, usage errors included, is one
 * {@code {"error": {"exitCode", "message"}}} whose exitCode is the process's exit code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JsonSchemaTests {
  static final Path README = Path.of(System.getProperty("graft.samples.dir", "../samples")).resolveSibling("README.md");
  static final Pattern ROW = Pattern.compile("^\\| `([a-z`, ]+)` \\| `([\\[{][^`]*)`");
  TargetJvm target;
  Map<String, Schema> schemas;

  abstract int jdk();

  @BeforeAll
  void start() throws IOException {
    schemas = readmeSchemas();
    target = Samples.pricing(jdk());
  }

  @AfterAll
  void stop() {
    target.close();
  }

  @Test
  void everyCommandsDocument_hasTheFieldsTheReadmeLists() throws IOException {
    long pid = target.pid();
    String price = Samples.PRICING;
    assertMatches("show", Graft.run("show", pid, price + "#price", "--bytecode", "--json"));
    assertMatches("inject", Graft.run("inject", pid, price + ":12", "rate = 0.37;", "--dry-run", "--json"));
    Run applied = Graft.run("inject", pid, price + ":12", "rate = 0.37;", "--json");
    assertMatches("inject", applied);
    String id = applied.json().getAsJsonObject().get("id").getAsString();
    assertMatches("list", Graft.run("list", pid, "--json"));
    assertMatches("diff", Graft.run("diff", pid, id, "--json"));
    assertMatches("revert", Graft.run("revert", pid, id, "--json"));
    Path script = Files.createTempFile("schema", ".graft");
    Files.writeString(script, "inject " + price + ":12 { rate = 0.37; }\n");
    assertMatches("apply", Graft.run("apply", pid, script, "--json"));
    assertMatches("ps", Graft.run("ps", "--json"));
    assertMatches("classes", Graft.run("classes", pid, "Pricing*", "--methods", "--json"));
    assertMatches("completion", Graft.run("completion", "--json"));
    Graft.run("revert", pid, "--all");
  }

  @Test
  void everyFailure_isOneErrorDocument_withTheExitCode() {
    long pid = target.pid();
    List<Object[]> failures = List.of(
        new Object[] {"show", pid, "no.Such", "--json"},
        new Object[] {"inject", pid, Samples.PRICING + ":15", "rate = 0;", "--json"},
        new Object[] {"inject", pid, Samples.PRICING + ":12", "--json"},
        new Object[] {"diff", pid, "4242", "--json"},
        new Object[] {"revert", pid, "--json"},
        new Object[] {"classes", pid, " ", "--json"},
        new Object[] {"list", 999999999, "--json"},
        new Object[] {"show", "not-a-pid", "X", "--json"},
        new Object[] {"inject", "--json"},
        new Object[] {"nosuch", "--json"});
    for (Object[] failure : failures) {
      Run run = Graft.run(failure);
      assertTrue(run.exitCode() > 0, run::toString);
      JsonObject document = JsonParser.parseString(run.out()).getAsJsonObject();
      assertEquals(new TreeSet<>(List.of("error")), new TreeSet<>(document.keySet()), run::toString);
      JsonObject error = document.getAsJsonObject("error");
      assertEquals(new TreeSet<>(List.of("exitCode", "message")), new TreeSet<>(error.keySet()), run::toString);
      assertEquals(run.exitCode(), error.get("exitCode").getAsInt(), run::toString);
      assertTrue(!error.get("message").getAsString().isBlank(), run::toString);
    }
  }

  private void assertMatches(String command, Run run) {
    assertEquals(0, run.exitCode(), run::toString);
    Schema schema = schemas.get(command);
    assertTrue(schema != null, "the README lists no document for " + command);
    List<String> problems = new ArrayList<>();
    schema.check(JsonParser.parseString(run.out()), command, problems);
    assertEquals(List.of(), problems, run::toString);
  }

  /** A document's shape as the README writes it: {"a", "b": [{"c"}]}; null children are plain values. */
  record Schema(Map<String, Schema> fields, Schema element) {
    void check(JsonElement value, String where, List<String> problems) {
      if (element != null) {
        if (!value.isJsonArray()) {
          problems.add(where + " is not an array");
          return;
        }
        JsonArray array = value.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
          element.check(array.get(i), where + "[" + i + "]", problems);
        }
        return;
      }
      if (fields == null) {
        return;
      }
      if (!value.isJsonObject()) {
        problems.add(where + " is not an object");
        return;
      }
      JsonObject object = value.getAsJsonObject();
      if (!object.keySet().equals(fields.keySet())) {
        problems.add(where + " has " + new TreeSet<>(object.keySet()) + ", the README lists " + new TreeSet<>(fields.keySet()));
        return;
      }
      fields.forEach((name, child) -> {
        if (child != null && !object.get(name).isJsonNull()) {
          child.check(object.get(name), where + "." + name, problems);
        }
      });
    }
  }

  static Map<String, Schema> readmeSchemas() throws IOException {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String line : Files.readAllLines(README)) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        for (String command : row.group(1).split("`?, `?")) {
          texts.put(command.replace("`", "").trim(), row.group(2));
        }
      }
    }
    Map<String, Schema> schemas = new LinkedHashMap<>();
    texts.forEach((command, text) -> schemas.put(command, new Parser(text.replaceAll("\\.\\.\\.as (\\w+)\\.\\.\\.", "@$1"), texts).value()));
    return schemas;
  }

  /** Reads the README's shape notation: braces, brackets, quoted names, {@code @inject} for "...as inject...". */
  static final class Parser {
    private final String text;
    private final Map<String, String> others;
    private int at;

    Parser(String text, Map<String, String> others) {
      this.text = text;
      this.others = others;
    }

    Schema value() {
      skip();
      char next = text.charAt(at);
      if (next == '{') {
        at++;
        Map<String, Schema> fields = new LinkedHashMap<>();
        while (true) {
          skip();
          if (text.charAt(at) == '}') {
            at++;
            return new Schema(fields, null);
          }
          int end = text.indexOf('"', at + 1);
          String name = text.substring(at + 1, end);
          at = end + 1;
          skip();
          Schema child = null;
          if (text.charAt(at) == ':') {
            at++;
            skip();
            child = text.charAt(at) == '[' || text.charAt(at) == '{' ? value() : plain();
          }
          fields.put(name, child);
          skip();
          if (text.charAt(at) == ',') {
            at++;
          }
        }
      }
      if (next == '[') {
        at++;
        skip();
        Schema element;
        if (text.charAt(at) == '@') {
          int end = at + 1;
          while (Character.isLetter(text.charAt(end))) {
            end++;
          }
          String other = text.substring(at + 1, end);
          element = new Parser(others.get(other), others).value();
          at = end;
        } else {
          element = text.charAt(at) == '{' ? value() : plain();
        }
        while (text.charAt(at) != ']') {
          at++;
        }
        at++;
        return new Schema(null, element == null ? new Schema(null, null) : element);
      }
      return plain();
    }

    private Schema plain() {
      while (at < text.length() && ",}]".indexOf(text.charAt(at)) < 0) {
        at++;
      }
      return null;
    }

    private void skip() {
      while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '.')) {
        at++;
      }
    }
  }
}
