package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KotlinLocalsTest {
  @Test
  void kotlincsNames_becomeTheSourceNames_orNone() {
    assertEquals("threshold", KotlinLocals.sourceName("$threshold"), "a lambda's capture");
    assertEquals("total", KotlinLocals.sourceName("total"));
    assertNull(KotlinLocals.sourceName("$i$a$-let-MainKt$step$s$1"), "a scope function's marker");
    assertNull(KotlinLocals.sourceName("$i$f$scaled"), "an inline function's marker");
    assertEquals("this$step", KotlinLocals.sourceName("$this$step"), "an extension receiver: a Java name once the capture mark is off");
    assertNull(KotlinLocals.sourceName("self"), "graft's own name for this");
    assertEquals("factor", KotlinLocals.inlinedName("factor$iv"));
    assertNull(KotlinLocals.inlinedName("factor"));
  }

  @Test
  void refHolders_standForTheirElement() {
    assertEquals("kotlin/jvm/internal/Ref$IntRef", KotlinLocals.holderOf("Lkotlin/jvm/internal/Ref$IntRef;"));
    assertNull(KotlinLocals.holderOf("Lkotlin/jvm/internal/Ref;"));
    assertNull(KotlinLocals.holderOf("Ljava/lang/String;"));
    assertEquals("J", KotlinLocals.elementDescriptor("kotlin/jvm/internal/Ref$LongRef", null));
    assertEquals("Ljava/lang/String;", KotlinLocals.elementDescriptor("kotlin/jvm/internal/Ref$ObjectRef",
        "Lkotlin/jvm/internal/Ref$ObjectRef<Ljava/lang/String;>;"));
    assertEquals("Ljava/util/List;", KotlinLocals.elementDescriptor("kotlin/jvm/internal/Ref$ObjectRef",
        "Lkotlin/jvm/internal/Ref$ObjectRef<Ljava/util/List<Ljava/lang/String;>;>;"));
    assertEquals("Ljava/lang/Object;", KotlinLocals.elementDescriptor("kotlin/jvm/internal/Ref$ObjectRef", null));
    assertEquals("Ljava/lang/Object;", KotlinLocals.elementField("kotlin/jvm/internal/Ref$ObjectRef"));
  }

  @Test
  void javaNames() {
    assertTrue(KotlinLocals.isJavaName("value$iv"));
    assertFalse(KotlinLocals.isJavaName("a-b"));
    assertFalse(KotlinLocals.isJavaName("int"));
  }
}
