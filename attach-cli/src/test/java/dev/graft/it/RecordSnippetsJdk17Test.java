package dev.graft.it;

import static dev.graft.it.support.Graft.assertApplied;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.TargetJvm;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * On JDK 17 (javac 17: records and sealed types, no record patterns yet), a snippet in the fidelity
 * sample's Catalog uses its nest mates as what they are: the records Circle and Square (canonical
 * constructors, accessors, isRecord) and the sealed interface Shape. JDK 25's record patterns and sealed
 * switches are {@link ModernJavaJdk25Test}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordSnippetsJdk17Test {
  static final String QUOTE_TOTAL = FidelityTests.CATALOG + ":29";
  TargetJvm target;

  @BeforeAll
  void start() {
    target = TargetJvm.start(17, List.of(), FidelityTests.fidelityJar(), FidelityTests.LOOP);
    target.awaitStartingWith("fidelity: ready");
    assertEquals("quote 6", target.ask("quote 2", "quote"));
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
  void recordsAndTheSealedInterface_ofTheTargetsNest_workInASnippet() {
    String snippet = "Shape shape = quantity > 5 ? new Square(quantity, \"big\") : new Circle(quantity);\n"
        + "if (shape instanceof Square square && square.label().equals(\"big\") && shape.getClass().isRecord()) unit = square.side();\n"
        + "else if (shape instanceof Circle circle) unit = circle.radius() + 1;";
    assertApplied(Graft.patch("inject", target.pid(), QUOTE_TOTAL, snippet));
    assertEquals("quote 36", target.ask("quote 6", "quote"), "a big Square: unit 6");
    assertEquals("quote 6", target.ask("quote 2", "quote"), "a Circle of radius 2: unit 3");
  }

  @Test
  void aRecordsEqualsAndToString_areTheRecords() {
    assertApplied(Graft.patch("inject", target.pid(), QUOTE_TOTAL,
        "if (new Circle(quantity).equals(new Circle(2)) && new Circle(2).toString().equals(\"Circle[radius=2]\")) unit = 100;"));
    assertEquals("quote 200", target.ask("quote 2", "quote"));
    assertEquals("quote 9", target.ask("quote 3", "quote"));
  }
}
