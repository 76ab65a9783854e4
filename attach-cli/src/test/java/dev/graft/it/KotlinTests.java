package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.TargetJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * graft on a Kotlin program as kotlinc 2.2 compiles it for JVM target 1.8 (samples/kotlin, run with
 * {@code java -jar}): lambdas of both kinds, a captured var, an inline function's copies, scope functions'
 * locals, a companion property, and private access in a class file without nest mates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KotlinTests {
  static final String MAIN = "dev.graft.samples.kotlin.MainKt";
  static final String SHOP = "dev.graft.samples.kotlin.Shop";
  static final String AUDIT = "dev.graft.samples.kotlin.Shop$Audit";
  TargetJvm target;

  abstract int jdk();

  @BeforeAll
  void start() {
    String jar = TargetJvm.samplesDir().resolve("kotlin/target/kotlin.jar").toAbsolutePath().normalize().toString();
    target = TargetJvm.startJar(jdk(), List.of(), jar);
    target.awaitStartingWith("kotlin: ready");
    round(); // every class of the sample loaded
  }

  @AfterAll
  void stop() {
    target.close();
  }

  @BeforeEach
  void revertEverything() {
    Run revert = Graft.run("revert", target.pid(), "--all");
    assertEquals(0, revert.exitCode(), revert::toString);
  }

  @Test
  void rebind_anInvokedynamicLambda_byTheCapturesSourceName() {
    assertEquals("6", value(round(), "threshold"));
    Run rebind = Graft.patch("rebind", target.pid(), MAIN + ":" + line("rebind threshold"), "threshold=99");
    Graft.assertApplied(rebind);
    assertTrue(rebind.out().contains("threshold$lambda$0(int)"), rebind::toString);
    assertEquals("99", value(round(), "threshold"));
    Graft.run("revert", target.pid(), "--all");
    assertEquals("6", value(round(), "threshold"));
  }

  @Test
  void rebind_aLambdaCompiledToAClass_byTheCapturesSourceName() {
    assertEquals("5", value(round(), "bound"));
    Run rebind = Graft.patch("rebind", target.pid(), MAIN + ":" + line("rebind bound"), "bound=42");
    Graft.assertApplied(rebind);
    assertTrue(rebind.out().contains("MainKt$classLambda$lambda$1#invoke()"), rebind::toString);
    assertEquals("42", value(round(), "bound"));
  }

  /** {@code var counter} lives in a Ref.IntRef: the snippet writes {@code counter}, and means its element. */
  @Test
  void capturedVar_isWrittenAndRebound_asInKotlin() {
    int increment = line("inject counter");
    Run inject = Graft.patch("inject", target.pid(), MAIN + ":" + (increment + 1), "counter = 1000 + counter % 2;");
    Graft.assertApplied(inject);
    int written = Integer.parseInt(value(round(), "counter"));
    assertTrue(written == 1000 || written == 1001, "the snippet wrote the var itself: " + written);
    Graft.run("revert", target.pid(), "--all");
    assertEquals(String.valueOf(written + 1), value(round(), "counter"), "the lambda goes on from the value written");
    Run rebind = Graft.patch("rebind", target.pid(), MAIN + ":" + increment, "counter=7");
    Graft.assertApplied(rebind);
    assertEquals("7", value(round(), "counter"), "every read of the var sees the expression");
    Run show = Graft.run("show", target.pid(), MAIN + "#counter$lambda$0");
    assertTrue(show.out().contains("counter: int (captured var, in a Ref.IntRef)"), show::toString);
  }

  /** Line L of an inline function runs in its callers' copies, at lines past the file's end: all are patched. */
  @Test
  void inlineFunctionsLine_isPatchedInEveryInlinedCopy_andRevertedWithIt() {
    assertEquals("33", value(round(), "scaled"));
    int line = line("inject scaled");
    Run inject = Graft.patch("inject", target.pid(), MAIN + ":" + line, "value = value * 100;");
    Graft.assertApplied(inject);
    assertTrue(inject.out().contains("also patched in the 2 copies kotlinc inlined"), inject::toString);
    assertTrue(inject.out().contains("MainKt#scaledTwice(int):"), inject::toString);
    assertEquals("3300", value(round(), "scaled"), "both copies in scaledTwice: 5*100*3 + 6*100*3");
    Run show = Graft.run("show", target.pid(), MAIN + "#scaledTwice");
    assertTrue(show.out().contains("[inlined from Main.kt:" + line + "]"), show::toString);
    String id = inject.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1");
    Run revert = Graft.run("revert", target.pid(), id);
    assertEquals(0, revert.exitCode(), revert::toString);
    assertTrue(revert.out().matches("(?s)reverted: " + id + ", \\d+.*"), "the copies went with it: " + revert);
    assertEquals("33", value(round(), "scaled"));
    Run list = Graft.run("list", target.pid());
    assertTrue(!list.out().contains("inlined"), list::toString);
  }

  /** kotlinc's {@code $i$a$-let-...} marker is no Java name: offered, it broke every snippet's compile. */
  @Test
  void kotlinMarkers_areNotOffered_andTheSnippetCompiles() {
    Run show = Graft.run("show", target.pid(), MAIN + "#scaledTwice");
    assertTrue(show.out().contains("(not offered to snippets: $i$f$scaled)"), show::toString);
    Run inject = Graft.patch("inject", target.pid(), MAIN + ":" + line("inject step"), "s = s * 2;");
    Graft.assertApplied(inject);
    assertEquals("41", value(round(), "step"));
  }

  @Test
  void companionProperty_isReadAndWrittenByItsName() {
    assertEquals("25", value(round(), "total"));
    Run read = Graft.patch("inject", target.pid(), SHOP + ":" + line("inject total"), "if (quantity == 10) return bonus * 1000;");
    Graft.assertApplied(read);
    assertEquals("5000", value(round(), "total"));
    Graft.run("revert", target.pid(), "--all");
    Run write = Graft.patch("inject", target.pid(), SHOP + ":" + line("inject total"), "bonus = 100;");
    Graft.assertApplied(write);
    assertEquals("120", value(round(), "total"));
    Graft.run("revert", target.pid(), "--all");
    Graft.assertApplied(Graft.patch("inject", target.pid(), SHOP + ":" + line("inject total"), "bonus = 5;"));
    assertEquals("25", value(round(), "total"));
  }

  /** Shop$Audit is a version 52 class file: no nest mates, so Shop's private members are off limits at run time. */
  @Test
  void privateMemberOfAnotherClass_inAPreJava11Class_isRefused_orReachedThroughKotlinsAccessor() {
    String before = Graft.classHash(target.pid(), AUDIT);
    assertEquals("1", value(round(), "margin"));
    Run refused = Graft.patch("inject", target.pid(), AUDIT + ":" + line("inject margin"), "return shop.margin;");
    assertEquals(1, refused.exitCode(), refused::toString);
    assertTrue(refused.err().contains("the snippet reads the private field dev.graft.samples.kotlin.Shop.margin, but "
        + "dev.graft.samples.kotlin.Shop$Audit is a class file of version 52 (Java 8), older than nest mates (Java 11)"), refused::toString);
    assertEquals(before, Graft.classHash(target.pid(), AUDIT), "the class is unchanged");
    assertEquals("1", value(round(), "margin"));
    // Shop.name is private too, but kotlinc made access$getName$p for the lambda that reads it: the snippet goes through it
    Run viaAccessor = Graft.patch("inject", target.pid(), AUDIT + ":" + line("inject margin"), "if (shop.name.equals(\"tea\")) return 42;");
    Graft.assertApplied(viaAccessor);
    assertEquals("42", value(round(), "margin"));
    Run list = Graft.run("list", target.pid());
    assertTrue(list.out().matches("(?s).*Shop\\$Audit:\\d+ +\\S+ +0\\b.*"), "no exception caught: " + list);
  }

  private String round() {
    return target.ask("next", "round");
  }

  private static String value(String round, String key) {
    Matcher matcher = Pattern.compile("\\b" + key + "=(\\S+)").matcher(round);
    if (!matcher.find()) {
      throw new AssertionError("no " + key + " in " + round);
    }
    return matcher.group(1);
  }

  /** The line of Main.kt that says {@code // graft FRAGMENT}. */
  static int line(String fragment) {
    Path source = TargetJvm.samplesDir().resolve("kotlin/src/main/kotlin/dev/graft/samples/kotlin/Main.kt");
    try {
      List<String> lines = Files.readAllLines(source);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).endsWith("// graft " + fragment)) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no line of " + source + " says // graft " + fragment);
  }
}
