package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.protocol.PatchTarget;
import dev.graft.testing.ClassBytes;
import dev.graft.testing.SourceMarkers;
import dev.graft.weave.targets.Pricing;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.ParameterNode;

class LocalScopeTest {
  private static final ClassNode PRICING = ClassBytes.node(Pricing.class);

  private static ResolvedSite site(String method, String marker) {
    return new TargetResolver(PRICING).resolve(
        PatchTarget.parse(Pricing.class.getName() + "#" + method + ":" + SourceMarkers.line(Pricing.class, marker)));
  }

  private static List<ScopedLocal> common(String method, String marker) {
    ResolvedSite site = site(method, marker);
    return LocalScope.common(site.method(), site.points());
  }

  @Test
  void parametersAndAssignedLocals_areInScope() {
    assertEquals(List.of(
            new ScopedLocal("order", "I", "int", 0),
            new ScopedLocal("amount", "D", "double", 1),
            new ScopedLocal("rate", "D", "double", 3),
            new ScopedLocal("discount", "D", "double", 5),
            new ScopedLocal("total", "D", "double", 7)),
        common("price", "price.return"));
  }

  @Test
  void localAssignedOnTheLine_isNotYetInScope() {
    assertEquals(List.of("order", "amount", "rate"), names(common("price", "price.discount")));
  }

  @Test
  void this_isNotOffered_itIsSelf() {
    assertEquals(List.of("factor", "result"), names(common("scaled", "scaled.calls")));
  }

  @Test
  void forHeader_offersTheLocalsLiveAtEveryOneOfItsPoints() {
    assertEquals(List.of("n", "total"), names(common("sum", "sum.for")));
    assertEquals(List.of("i", "n", "total"), names(common("sum", "sum.body")));
  }

  @Test
  void genericLocals_haveTheirGenericSourceType_typeVariablesTheirErasure() {
    assertEquals(List.of(
            new ScopedLocal("names", "Ljava/util/List;", "java.util.List<java.lang.String>", 0),
            new ScopedLocal("index", "Ljava/util/Map;", "java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>", 1),
            new ScopedLocal("bound", "Ljava/lang/Number;", "java.lang.Number", 2),
            new ScopedLocal("many", "[Ljava/lang/Number;", "java.lang.Number[]", 3)),
        common("generics", "generics.size"));
  }

  @Test
  void localsOfLocalAndAnonymousClasses_haveNoSourceType() {
    List<ScopedLocal> locals = common("unnameable", "unnameable.return");

    assertEquals(List.of(
            new ScopedLocal("local", "L" + PRICING.name + "$1Local;", null, 0),
            new ScopedLocal("anonymous", "L" + PRICING.name + "$1;", null, 1)),
        locals);
  }

  @Test
  void withoutLocalVariableTable_parametersAreArgN() {
    MethodNode price = withoutLocalVariableTable("price");

    assertFalse(LocalScope.hasTable(price));
    assertEquals(List.of(
            new ScopedLocal("arg0", "I", "int", 0),
            new ScopedLocal("arg1", "D", "double", 1),
            new ScopedLocal("arg2", "D", "double", 3)),
        LocalScope.at(price, 5));
  }

  @Test
  void withoutLocalVariableTable_methodParametersNameThem() {
    MethodNode scaled = withoutLocalVariableTable("scaled");
    scaled.parameters = List.of(new ParameterNode("factor", 0));

    assertEquals(List.of(new ScopedLocal("factor", "D", "double", 1)), LocalScope.at(scaled, 0));
  }

  @Test
  void named_findsTheSlotAtThePoint() {
    ResolvedSite site = site("sum", "sum.body");

    assertTrue(LocalScope.hasTable(site.method()));
    assertEquals(2, LocalScope.named(site.method(), site.points().get(0), "i", false).slot());
    assertEquals(1, LocalScope.named(site.method(), site.points().get(0), "total", false).slot());
  }

  @Test
  void named_localOutOfScope_fails() {
    ResolvedSite site = site("sum", "sum.init");

    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> LocalScope.named(site.method(), site.points().get(0), "i", false).slot());
    assertEquals("local i is not in scope at instruction " + site.points().get(0).firstInstruction(), error.getMessage());
  }

  private static MethodNode withoutLocalVariableTable(String name) {
    MethodNode method = ClassBytes.method(ClassBytes.node(Pricing.class), name, null);
    method.localVariables = null;
    method.parameters = null; // Maven compiles with -parameters
    return method;
  }

  private static List<String> names(List<ScopedLocal> locals) {
    return locals.stream().map(ScopedLocal::name).toList();
  }
}
