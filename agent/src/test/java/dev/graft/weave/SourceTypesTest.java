package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

class SourceTypesTest {

  @Test
  void primitivesAndArrays_fromDescriptors() {
    assertEquals("int", SourceTypes.of("I", null));
    assertEquals("double", SourceTypes.of("D", null));
    assertEquals("boolean[]", SourceTypes.of("[Z", null));
    assertEquals("long[][]", SourceTypes.of("[[J", null));
    assertEquals("java.lang.String[]", SourceTypes.of("[Ljava/lang/String;", null));
  }

  @Test
  void nestedClass_isWrittenWithDots() {
    assertEquals("com.acme.Outer.Inner", SourceTypes.of("Lcom/acme/Outer$Inner;", null));
    assertEquals("com.acme.Outer.Inner.Deeper[]", SourceTypes.of("[Lcom/acme/Outer$Inner$Deeper;", null));
    assertEquals("com.acme.Outer.Inner", SourceTypes.ofInternalName("com/acme/Outer$Inner"));
  }

  @Test
  void anonymousAndLocalClasses_cannotBeNamed() {
    assertNull(SourceTypes.of("Lcom/acme/Outer$1;", null));
    assertNull(SourceTypes.of("Lcom/acme/Outer$1Local;", null));
    assertNull(SourceTypes.of("[Lcom/acme/Outer$2;", null));
    assertNull(SourceTypes.ofInternalName("com/acme/Outer$Inner$1"));
  }

  @Test
  void genericSignature_isPreferredOverTheDescriptor() {
    assertEquals("java.util.List<java.lang.String>",
        SourceTypes.of("Ljava/util/List;", "Ljava/util/List<Ljava/lang/String;>;"));
  }

  @Test
  void nestedTypeArguments_areSeparatedByComma() {
    assertEquals("java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>",
        SourceTypes.of("Ljava/util/Map;", "Ljava/util/Map<Ljava/lang/String;Ljava/util/List<Ljava/lang/Integer;>;>;"));
  }

  @Test
  void genericArrays_andArraysAsTypeArguments() {
    assertEquals("java.util.List<java.lang.String>[]",
        SourceTypes.of("[Ljava/util/List;", "[Ljava/util/List<Ljava/lang/String;>;"));
    assertEquals("java.util.List<int[]>", SourceTypes.of("Ljava/util/List;", "Ljava/util/List<[I>;"));
    assertEquals("java.util.List<java.lang.String[][]>",
        SourceTypes.of("Ljava/util/List;", "Ljava/util/List<[[Ljava/lang/String;>;"));
  }

  @Test
  void wildcards() {
    assertEquals("java.util.List<?>", SourceTypes.of("Ljava/util/List;", "Ljava/util/List<*>;"));
    assertEquals("java.util.List<? extends java.lang.Number>",
        SourceTypes.of("Ljava/util/List;", "Ljava/util/List<+Ljava/lang/Number;>;"));
    assertEquals("java.util.function.Consumer<? super java.lang.Integer>",
        SourceTypes.of("Ljava/util/function/Consumer;", "Ljava/util/function/Consumer<-Ljava/lang/Integer;>;"));
  }

  @Test
  void nestedGenericTypes() {
    assertEquals("java.util.Map.Entry<java.lang.String, java.lang.Integer>",
        SourceTypes.of("Ljava/util/Map$Entry;", "Ljava/util/Map$Entry<Ljava/lang/String;Ljava/lang/Integer;>;"));
    assertEquals("com.acme.Outer<java.lang.String>.Inner<java.lang.Integer>",
        SourceTypes.of("Lcom/acme/Outer$Inner;", "Lcom/acme/Outer<Ljava/lang/String;>.Inner<Ljava/lang/Integer;>;"));
  }

  @Test
  void typeVariable_fallsBackToTheErasure() {
    assertEquals("java.lang.Object", SourceTypes.of("Ljava/lang/Object;", "TT;"));
    assertEquals("java.lang.Number", SourceTypes.of("Ljava/lang/Number;", "TN;"));
    assertEquals("java.util.List", SourceTypes.of("Ljava/util/List;", "Ljava/util/List<TT;>;"));
    assertEquals("java.lang.Number[]", SourceTypes.of("[Ljava/lang/Number;", "[TT;"));
  }

  @Test
  void anonymousClassAsTypeArgument_fallsBackToTheErasure() {
    assertEquals("java.util.List", SourceTypes.of("Ljava/util/List;", "Ljava/util/List<Lcom/acme/Outer$1;>;"));
  }

  @Test
  void ofType_coversEverySort() {
    assertEquals("void", SourceTypes.ofType(Type.VOID_TYPE));
    assertEquals("char", SourceTypes.ofType(Type.CHAR_TYPE));
    assertEquals("java.lang.Object", SourceTypes.ofType(Type.getType(Object.class)));
    assertEquals("java.util.Map.Entry[]", SourceTypes.ofType(Type.getType("[Ljava/util/Map$Entry;")));
  }
}
