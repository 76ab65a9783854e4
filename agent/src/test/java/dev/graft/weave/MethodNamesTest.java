package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

class MethodNamesTest {
  private static final MethodNode DISCOUNT = new MethodNode(Opcodes.ACC_STATIC, "discount", "(ID)I", null, null);
  private static final MethodNode TAKES_REFERENCES = new MethodNode(
      0, "ship", "(Lcom/acme/Order;[Ljava/lang/String;Lcom/acme/Outer$Inner;)V", null, null);

  @Test
  void display_usesSimpleTypeNames() {
    assertEquals("discount(int,double)", MethodNames.display(DISCOUNT));
    assertEquals("ship(Order,String[],Inner)", MethodNames.display(TAKES_REFERENCES));
    assertEquals("<init>()", MethodNames.display("<init>", "()V"));
  }

  @Test
  void display_ofNameAndDescriptorInOneString() {
    assertEquals("price(int,double)", MethodNames.display("price(ID)D"));
  }

  @Test
  void parametersMatch_noTypesGiven_matchesEveryOverload() {
    assertTrue(MethodNames.parametersMatch(DISCOUNT, null));
  }

  @Test
  void parametersMatch_bySimpleOrFullName() {
    assertTrue(MethodNames.parametersMatch(DISCOUNT, List.of("int", "double")));
    assertTrue(MethodNames.parametersMatch(TAKES_REFERENCES, List.of("Order", "String[]", "Inner")));
    assertTrue(MethodNames.parametersMatch(TAKES_REFERENCES, List.of("com.acme.Order", "java.lang.String[]", "com.acme.Outer$Inner")));
    assertTrue(MethodNames.parametersMatch(TAKES_REFERENCES, List.of("Order", "String []", "com.acme.Outer.Inner")));
  }

  @Test
  void parametersMatch_wrongTypeOrCount_doesNotMatch() {
    assertFalse(MethodNames.parametersMatch(DISCOUNT, List.of("int")));
    assertFalse(MethodNames.parametersMatch(DISCOUNT, List.of()));
    assertFalse(MethodNames.parametersMatch(DISCOUNT, List.of("int", "float")));
    assertFalse(MethodNames.parametersMatch(TAKES_REFERENCES, List.of("Order", "String", "Inner")));
  }
}
