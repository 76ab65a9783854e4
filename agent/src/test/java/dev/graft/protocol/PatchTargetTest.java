package dev.graft.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatchTargetTest {

  @Test
  void parse_classAndLine_leavesMethodOpen() {
    PatchTarget target = PatchTarget.parse("com.acme.Shop:42");

    assertEquals(new PatchTarget("com.acme.Shop", null, null, 42), target);
    assertFalse(target.isEntry());
    assertNull(target.methodText());
    assertEquals("com.acme.Shop:42", target.toString());
  }

  @Test
  void parse_methodAndLine_acceptsAnyOverload() {
    PatchTarget target = PatchTarget.parse("com.acme.Shop#checkout:57");

    assertEquals(new PatchTarget("com.acme.Shop", "checkout", null, 57), target);
    assertEquals("com.acme.Shop#checkout:57", target.toString());
  }

  @Test
  void parse_methodEntry_isEntry() {
    PatchTarget target = PatchTarget.parse("com.acme.Shop#checkout:entry");

    assertTrue(target.isEntry());
    assertEquals(PatchTarget.ENTRY, target.line());
    assertEquals("com.acme.Shop#checkout:entry", target.toString());
  }

  @Test
  void parse_parameterTypes_pickAnOverload() {
    PatchTarget target = PatchTarget.parse("Shop#discount(int,double):42");

    assertEquals(new PatchTarget("Shop", "discount", List.of("int", "double"), 42), target);
    assertEquals("discount(int,double)", target.methodText());
    assertEquals("Shop#discount(int,double):42", target.toString());
  }

  @Test
  void parse_parameterTypesWithSpacesAndArrays_areTrimmed() {
    PatchTarget target = PatchTarget.parse("Shop#total( java.util.List , String[] ):7");

    assertEquals(List.of("java.util.List", "String[]"), target.parameterTypes());
  }

  @Test
  void parse_emptyParameterList_meansNoParameters() {
    PatchTarget target = PatchTarget.parse("Shop#reset():entry");

    assertEquals(List.of(), target.parameterTypes());
    assertEquals("Shop#reset():entry", target.toString());
  }

  @Test
  void parse_constructorAndStaticInitialiser_areMethodNames() {
    assertEquals(new PatchTarget("Shop", "<init>", List.of("int"), PatchTarget.ENTRY), PatchTarget.parse("Shop#<init>(int):entry"));
    assertEquals(new PatchTarget("Shop", "<clinit>", null, 3), PatchTarget.parse("Shop#<clinit>:3"));
  }

  @Test
  void parse_nestedClass_keepsTheDollar() {
    PatchTarget target = PatchTarget.parse("com.acme.Outer$Inner#run:12");

    assertEquals("com.acme.Outer$Inner", target.className());
    assertEquals("run", target.methodName());
    assertEquals(12, target.line());
  }

  @Test
  void parse_surroundingSpaces_areIgnored() {
    assertEquals(new PatchTarget("Shop", null, null, 9), PatchTarget.parse(" Shop : 9 "));
  }

  @Test
  void parse_noLine_isRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PatchTarget.parse("com.acme.Shop"));

    assertEquals("target 'com.acme.Shop' has no line: write CLASS:LINE, CLASS#METHOD:LINE or CLASS#METHOD:entry", error.getMessage());
  }

  @Test
  void parse_lineThatIsNoNumber_isRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PatchTarget.parse("Shop:4x2"));

    assertEquals("target 'Shop:4x2': '4x2' is neither a line number nor 'entry' nor 'exit'", error.getMessage());
  }

  @Test
  void parse_emptyLine_isRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PatchTarget.parse("Shop#pay:"));

    assertEquals("target 'Shop#pay:': '' is neither a line number nor 'entry' nor 'exit'", error.getMessage());
  }

  @Test
  void parse_entryWithoutMethod_isRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PatchTarget.parse("Shop:entry"));

    assertEquals("target 'Shop:entry': 'entry' needs a method, CLASS#METHOD:entry", error.getMessage());
  }

  @Test
  void parse_lineZero_isRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PatchTarget.parse("Shop:0"));

    assertEquals("target 'Shop:0': line numbers start at 1", error.getMessage());
  }

  @Test
  void parse_negativeLine_isRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PatchTarget.parse("Shop:-3"));

    assertEquals("target 'Shop:-3': line numbers start at 1", error.getMessage());
  }

  @Test
  void parse_noClassName_isRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PatchTarget.parse("#pay:3"));

    assertEquals("target '#pay:3' does not start with a class name", error.getMessage());
  }

  @Test
  void parse_classNameWithIllegalCharacters_isRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PatchTarget.parse("com.acme-corp.Shop:3"));

    assertEquals("target 'com.acme-corp.Shop:3' does not start with a class name", error.getMessage());
  }

  @Test
  void parse_emptyMethodName_isRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PatchTarget.parse("Shop#:3"));

    assertEquals("target 'Shop#:3': empty method name after '#'", error.getMessage());
  }

  @Test
  void parse_unbalancedParameterList_isRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> PatchTarget.parse("Shop#pay(int:3"));

    assertEquals("target 'Shop#pay(int:3': unbalanced parameter list in 'pay(int'", error.getMessage());
  }

  @Test
  void withLine_returnsACopy() {
    PatchTarget original = PatchTarget.parse("Shop#pay(int):3");

    PatchTarget moved = original.withLine(8);

    assertEquals("Shop#pay(int):8", moved.toString());
    assertEquals("Shop#pay(int):3", original.toString());
  }

  @Test
  void withMethod_namesTheMethodALineResolvedTo() {
    PatchTarget resolved = PatchTarget.parse("Shop:3").withMethod("pay", List.of("int"));

    assertEquals("Shop#pay(int):3", resolved.toString());
  }

  @Test
  void toString_parsesBackToTheSameTarget() {
    for (String text : List.of("a.B:1", "a.B#c:2", "a.B#c(int,java.lang.String[]):entry", "a.B$C#<init>():entry")) {
      assertEquals(text, PatchTarget.parse(text).toString());
      assertEquals(PatchTarget.parse(text), PatchTarget.parse(PatchTarget.parse(text).toString()));
    }
  }
}
