package dev.graft.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.LineScope;
import dev.graft.protocol.Messages.LocalVar;
import dev.graft.protocol.Messages.MethodInfo;
import dev.graft.testing.ClassBytes;
import dev.graft.testing.SourceMarkers;
import dev.graft.weave.targets.Pricing;
import dev.graft.weave.targets.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassInspectorTest {
  private final ClassInspector pricing = new ClassInspector(ClassBytes.of(Pricing.class));

  private static int line(String marker) {
    return SourceMarkers.line(Pricing.class, marker);
  }

  @Test
  void methods_withoutFilter_listsEveryMethodWithItsLineRange_butNoScopes() {
    List<MethodInfo> methods = new ClassInspector(ClassBytes.of(Shape.class)).methods(null);

    assertEquals(List.of("<init>()", "area()", "twiceArea()"), methods.stream().map(MethodInfo::display).toList());
    MethodInfo twiceArea = methods.get(2);
    int line = SourceMarkers.line(Shape.class, "twiceArea.return");
    assertEquals(new MethodInfo("twiceArea", "()D", "twiceArea()", line, line, true, true, List.of()), twiceArea);
    assertEquals(new MethodInfo("area", "()D", "area()", 0, 0, false, false, List.of()), methods.get(1));
  }

  @Test
  void methods_byName_listsTheLocalsInScopeAtEverySpliceableLine() {
    List<MethodInfo> methods = pricing.methods("sum");

    assertEquals(1, methods.size());
    MethodInfo sum = methods.get(0);
    assertEquals(line("sum.init"), sum.firstLine());
    assertEquals(line("sum.return"), sum.lastLine());
    LocalVar n = new LocalVar("n", "int");
    LocalVar total = new LocalVar("total", "int");
    LocalVar i = new LocalVar("i", "int");
    assertEquals(List.of(
            new LineScope(line("sum.init"), List.of(n)),
            new LineScope(line("sum.for"), List.of(n, total)),
            new LineScope(line("sum.body"), List.of(i, n, total)),
            new LineScope(line("sum.return"), List.of(n, total))),
        sum.lines());
  }

  @Test
  void methods_unnameableLocalType_isShownByItsBinaryName() {
    LineScope last = pricing.methods("unnameable").get(0).lines().get(2);

    assertEquals(new LineScope(line("unnameable.return"), List.of(
        new LocalVar("local", "dev.graft.weave.targets.Pricing$1Local"),
        new LocalVar("anonymous", "dev.graft.weave.targets.Pricing$1"))), last);
  }

  @Test
  void methods_byDisplay_picksOneOverload() {
    List<MethodInfo> methods = pricing.methods("discount(int,double)");

    assertEquals(List.of("(ID)I"), methods.stream().map(MethodInfo::descriptor).toList());
    assertEquals(List.of(new LineScope(line("discount.intDouble"), List.of(new LocalVar("percent", "int"), new LocalVar("cap", "double")))),
        methods.get(0).lines());
  }

  @Test
  void methods_byName_listsEveryOverload() {
    assertEquals(List.of("discount(int)", "discount(int,double)"),
        pricing.methods("discount").stream().map(MethodInfo::display).toList());
  }

  @Test
  void methods_lineRangeSpansMultiLineStatements() {
    MethodInfo continued = pricing.methods("continued").get(0);

    assertEquals(line("continued.start"), continued.firstLine());
    assertEquals(line("continued.return"), continued.lastLine());
    assertFalse(continued.lines().stream().anyMatch(scope -> scope.line() == line("continued.second")),
        "the continuation line takes no splice");
    assertTrue(continued.hasLocalVariableTable());
  }

  @Test
  void methods_unknownName_listsTheMethods() {
    GraftException error = assertThrows(GraftException.class, () -> new ClassInspector(ClassBytes.of(Shape.class)).methods("perimeter"));

    assertEquals("no method perimeter in dev.graft.weave.targets.Shape; its methods: <init>(), area(), twiceArea()", error.getMessage());
    assertEquals(ExitCodes.REJECTED, error.exitCode());
  }
}
