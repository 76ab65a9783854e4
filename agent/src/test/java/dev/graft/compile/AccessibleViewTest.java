package dev.graft.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.graft.compile.targets.Shapes;
import dev.graft.testing.ClassBytes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.RecordComponentNode;

/**
 * Only the classes a wrapper extends are opened up; their nest mates keep what javac needs for record
 * patterns (the Record attribute) and exhaustive switches (PermittedSubclasses, final records).
 */
class AccessibleViewTest {
  private static final Set<String> SHAPES_IS_THE_TARGET = Set.of(internal(Shapes.class));

  @Test
  void aRecordTheWrapperDoesNotExtend_keepsItsComponentsAndStaysFinal() {
    ClassNode square = view(Shapes.Square.class, SHAPES_IS_THE_TARGET);
    assertEquals(List.of("side D"), square.recordComponents.stream().map(AccessibleViewTest::describe).toList());
    assertEquals(Opcodes.ACC_FINAL, square.access & Opcodes.ACC_FINAL);
    assertEquals(Opcodes.ACC_FINAL, innerEntry(square, Shapes.Square.class).access & Opcodes.ACC_FINAL);
  }

  @Test
  void aSealedInterfaceTheWrapperDoesNotImplement_keepsItsPermittedSubclasses() {
    ClassNode shape = view(Shapes.Shape.class, SHAPES_IS_THE_TARGET);
    assertEquals(List.of(internal(Shapes.Circle.class), internal(Shapes.Square.class)), shape.permittedSubclasses);
  }

  @Test
  void anEnumTheWrapperDoesNotExtend_staysAnEnum() {
    ClassNode unit = view(Shapes.Unit.class, SHAPES_IS_THE_TARGET);
    assertEquals(Opcodes.ACC_ENUM, unit.access & Opcodes.ACC_ENUM);
  }

  @Test
  void aRecordTheWrapperExtends_isAPlainOpenClass() {
    ClassNode square = view(Shapes.Square.class, Set.of(internal(Shapes.Square.class)));
    assertNull(square.recordComponents);
    assertEquals(0, square.access & (Opcodes.ACC_FINAL | Opcodes.ACC_RECORD));
    assertEquals(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, innerEntry(square, Shapes.Square.class).access & (Opcodes.ACC_PUBLIC
        | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL));
    ClassNode shapes = view(Shapes.class, Set.of(internal(Shapes.Square.class)));
    assertEquals(0, innerEntry(shapes, Shapes.Square.class).access & Opcodes.ACC_FINAL, "the nest host's entry says the same");
  }

  @Test
  void aSealedInterfaceTheWrapperImplements_permitsAnything() {
    assertNull(view(Shapes.Shape.class, Set.of(internal(Shapes.Shape.class))).permittedSubclasses);
  }

  private static ClassNode view(Class<?> type, Set<String> targets) {
    return ClassBytes.node(AccessibleView.of(ClassBytes.of(type), targets, Opcodes.V17));
  }

  private static InnerClassNode innerEntry(ClassNode node, Class<?> nested) {
    return node.innerClasses.stream().filter(inner -> inner.name.equals(internal(nested))).findFirst().orElseThrow();
  }

  private static String describe(RecordComponentNode component) {
    return component.name + " " + component.descriptor;
  }

  private static String internal(Class<?> type) {
    return type.getName().replace('.', '/');
  }
}
