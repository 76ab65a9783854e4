package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TypeHierarchyTest {
  private final TypeHierarchy hierarchy = new TypeHierarchy(TypeHierarchyTest.class.getClassLoader());

  @Test
  void commonSuperClass_ofTwoClasses_isTheirNearestCommonAncestor() {
    assertEquals("java/lang/Number", hierarchy.commonSuperClass("java/lang/Integer", "java/lang/Long"));
    assertEquals("java/lang/Integer", hierarchy.commonSuperClass("java/lang/Integer", "java/lang/Integer"));
    assertEquals("java/lang/RuntimeException",
        hierarchy.commonSuperClass("java/lang/IllegalStateException", "java/lang/IllegalArgumentException"));
    assertEquals("java/lang/IllegalArgumentException",
        hierarchy.commonSuperClass("java/lang/IllegalArgumentException", "java/lang/NumberFormatException"));
  }

  @Test
  void commonSuperClass_withAnInterfaceOrUnknownType_isObject() {
    assertEquals("java/lang/Object", hierarchy.commonSuperClass("java/util/List", "java/util/ArrayList"));
    assertEquals("java/lang/Object", hierarchy.commonSuperClass("java/lang/Integer", "com/acme/Missing"));
  }

  @Test
  void classesOfTheTargetsLoader_areFoundWithoutLoadingThem() {
    assertEquals("java/lang/Object", hierarchy.superName("dev/graft/weave/targets/Pricing"));
    assertTrue(hierarchy.isInterface("dev/graft/weave/targets/Greeter"));
    assertFalse(hierarchy.isInterface("dev/graft/weave/targets/Pricing"));
    assertNull(hierarchy.describe("com/acme/Missing"));
  }

  @Test
  void isAssignable() {
    assertTrue(hierarchy.isAssignable("java/lang/Number", "java/lang/Integer"));
    assertTrue(hierarchy.isAssignable("java/util/List", "java/util/ArrayList"));
    assertTrue(hierarchy.isAssignable("java/lang/Object", "com/acme/Missing"));
    assertFalse(hierarchy.isAssignable("java/lang/Integer", "java/lang/Number"));
    assertFalse(hierarchy.isAssignable("java/lang/Number", "com/acme/Missing"));
  }

  @Test
  void superName_ofObjectAndOfUnknownTypes_isNull() {
    assertNull(hierarchy.superName("java/lang/Object"));
    assertNull(hierarchy.superName("com/acme/Missing"));
    assertEquals("java/lang/Number", hierarchy.superName("java/lang/Integer"));
  }
}
