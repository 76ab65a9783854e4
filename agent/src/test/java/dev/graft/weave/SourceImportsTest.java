package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.compile.targets.Cashier;
import dev.graft.testing.ClassBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceImportsTest {
  private final SourceImports.Imports imports = SourceImports.of(ClassBytes.of(Cashier.class));

  @Test
  void typesTheConstantPoolNames_areImported_nestedOnesThroughTheirOuterType() {
    for (String type : List.of("java.util.Map", "java.util.concurrent.atomic.LongAdder", "java.time.Duration", "java.util.Map.Entry")) {
      assertTrue(imports.types().contains(type), type + " in " + imports.types());
    }
  }

  @Test
  void javaLangAndTheClassItself_needNoImport() {
    assertFalse(imports.types().stream().anyMatch(type -> type.startsWith("java.lang.")), imports.types().toString());
    assertFalse(imports.types().contains(Cashier.class.getName()), imports.types().toString());
  }

  @Test
  void aSimpleNameOfTwoTypes_isImportedForNeither_andListed() {
    assertFalse(imports.types().contains("java.util.List"), imports.types().toString());
    assertFalse(imports.types().contains("java.awt.List"), imports.types().toString());
    assertEquals(List.of("java.awt.List", "java.util.List"), imports.ambiguous().get("List"));
  }
}
