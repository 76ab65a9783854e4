package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.TargetJvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.apache.commons.lang3.StringUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets graft did not build: a method of commons-lang3 (the jar from Maven Central) whose locals are
 * read and changed, and a class compiled without -g (no LocalVariableTable: parameters only, as argN).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LibraryTests {
  static final String ABBREVIATE = "org.apache.commons.lang3.StringUtils#abbreviate(String,String,int,int)";
  static final String PROGRAM = """
      import java.io.BufferedReader;
      import java.io.InputStreamReader;
      import org.apache.commons.lang3.StringUtils;

      public class NoDebug {
        public static void main(String[] args) throws Exception {
          BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
          System.out.println("nodebug: ready");
          for (String line; (line = in.readLine()) != null; ) {
            System.out.println("answer " + scale(Integer.parseInt(line.trim()), 3) + " " + StringUtils.abbreviate("abcdefghijklmnop", 10));
          }
        }

        static int scale(int value, int factor) {
          int scaled = value * factor;
          return scaled;
        }
      }
      """;
  TargetJvm target;

  abstract int jdk();

  @BeforeAll
  void startTarget(@TempDir Path temp) throws Exception {
    Files.writeString(temp.resolve("NoDebug.java"), PROGRAM);
    String lang = Path.of(StringUtils.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-g:source,lines",
        "-cp", lang, "-d", temp.toString(), temp.resolve("NoDebug.java").toString());
    assertEquals(0, compiled, "javac of the no-debug target");
    target = TargetJvm.start(jdk(), List.of(), temp + File.pathSeparator + lang, "NoDebug");
    target.awaitStartingWith("nodebug: ready");
    assertEquals("answer 6 abcdefg...", target.ask("2", "answer"));
  }

  @AfterAll
  void stopTarget() {
    target.close();
  }

  @Test
  void libraryMethod_localsAreReadAndChanged() {
    JsonObject method = Graft.run("show", target.pid(), ABBREVIATE, "--json").json().getAsJsonObject()
        .getAsJsonArray("methods").get(0).getAsJsonObject();
    int line = -1;
    for (JsonElement scope : method.getAsJsonArray("lines")) {
      if (scope.getAsJsonObject().getAsJsonArray("locals").toString().contains("\"strLen\"")) {
        line = scope.getAsJsonObject().get("line").getAsInt();
        break;
      }
    }
    assertTrue(line > 0, "a line of abbreviate with strLen in scope: " + method);
    Run run = Graft.run("inject", target.pid(), ABBREVIATE + ":" + line,
        "if (strLen > 12) maxWidth = 7;");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("answer 6 abcd...", target.ask("2", "answer"));
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
    assertEquals("answer 6 abcdefg...", target.ask("2", "answer"));
  }

  @Test
  void classWithoutLocalVariableTable_offersParametersAsArgN_andSaysWhy() {
    Run show = Graft.run("show", target.pid(), "NoDebug#scale");
    assertTrue(show.out().contains("(no LocalVariableTable: compiled without -g; only parameters are in scope)"), show::toString);
    assertTrue(show.out().contains("arg0: int, arg1: int"), show::toString);

    Run unknown = Graft.run("inject", target.pid(), "NoDebug:16", "scaled = 0;");
    assertEquals(1, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.out().contains("note: NoDebug was compiled without a LocalVariableTable (javac -g)"), unknown::toString);
    assertTrue(unknown.err().contains("in scope here: arg0 (int), arg1 (int)"), unknown::toString);

    Run run = Graft.run("inject", target.pid(), "NoDebug#scale:entry", "arg1 = 10;");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("answer 20 abcdefg...", target.ask("2", "answer"));
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
  }
}
