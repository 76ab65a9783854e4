package dev.graft.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.testing.ClassBytes;
import dev.graft.testing.SourceMarkers;
import dev.graft.weave.targets.Pricing;
import dev.graft.weave.targets.Shape;
import org.junit.jupiter.api.Test;

class BytecodeTextTest {

  @Test
  void withStableLabels_namesLabelsThatStartALineAfterTheLine() {
    String text = String.join("\n",
        "m()V",
        "   L0",
        "    LINENUMBER 12 L0",
        "    ILOAD 1",
        "    IFEQ L1",
        "   L2",
        "    LINENUMBER 12 L2",
        "    IINC 1 1",
        "   L1",
        "    GOTO L0",
        "   L3",
        "    LOCALVARIABLE x I L0 L3 1",
        "");

    assertEquals(String.join("\n",
        "m()V",
        "   L12",
        "    LINENUMBER 12 L12",
        "    ILOAD 1",
        "    IFEQ X1",
        "   L12b",
        "    LINENUMBER 12 L12b",
        "    IINC 1 1",
        "   X1",
        "    GOTO L12",
        "   X2",
        "    LOCALVARIABLE x I L12 X2 1",
        ""), BytecodeText.withStableLabels(text));
  }

  @Test
  void withStableLabels_renamesInOnePass_soANewNameIsNeverRenamedAgain() {
    String text = String.join("\n",
        "   L0",
        "    LINENUMBER 1 L0",
        "   L1",
        "    GOTO L0",
        "    GOTO L1",
        "");

    assertEquals(String.join("\n",
        "   L1",
        "    LINENUMBER 1 L1",
        "   X1",
        "    GOTO L1",
        "    GOTO X1",
        ""), BytecodeText.withStableLabels(text));
  }

  @Test
  void withStableLabels_leavesTextWithoutLabelsAlone() {
    String text = "m()V\n    ICONST_0\n    IRETURN\n";

    assertEquals(text, BytecodeText.withStableLabels(text));
  }

  @Test
  void ofMethod_startsWithNameAndDescriptor_andNamesLabelsByLine() {
    String text = BytecodeText.ofMethod(ClassBytes.of(Pricing.class), "price", "(IDD)D");
    int total = SourceMarkers.line(Pricing.class, "price.total");

    assertTrue(text.startsWith("price(IDD)D\n"), text);
    assertTrue(text.contains("   L" + total + "\n    LINENUMBER " + total + " L" + total + "\n"), text);
    assertTrue(text.contains("    LOCALVARIABLE total D L" + SourceMarkers.line(Pricing.class, "price.return") + " X1 7\n"), text);
  }

  @Test
  void ofMethod_unknownMethod_isNull() {
    assertNull(BytecodeText.ofMethod(ClassBytes.of(Pricing.class), "price", "()V"));
  }

  @Test
  void ofClass_printsTheWholeClass() {
    String text = BytecodeText.ofClass(ClassBytes.of(Shape.class));

    assertTrue(text.contains("public abstract class dev/graft/weave/targets/Shape {"), text);
    assertTrue(text.contains("public abstract area()D"), text);
    assertTrue(text.contains("public twiceArea()D"), text);
  }
}
