package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.testing.ClassBytes;
import dev.graft.testing.SourceMarkers;
import dev.graft.weave.ClosureFinder.Closure;
import dev.graft.weave.targets.Fluent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosureFinderTest {
  private final ClosureFinder finder = new ClosureFinder(ClassBytes.node(Fluent.class));

  private static int line(String marker) {
    return SourceMarkers.line(Fluent.class, marker);
  }

  private List<String> describedAt(String marker) {
    return finder.at(line(marker)).stream().map(Closure::describe).toList();
  }

  @Test
  void lambdaInAFluentChain_isFoundAtItsBodysLine_notAtTheChainsFirstLine() {
    assertEquals(List.of("a lambda (body lambda$cheap$0)"), describedAt("chain.filter"));
  }

  @Test
  void chainsFirstLine_holdsWhatJavacCreatedThere() {
    // javac puts the filter's invokedynamic on the chain's first line, where no lambda body begins
    assertEquals(List.of("a lambda (body lambda$cheap$0)"), describedAt("chain.start"));
  }

  @Test
  void lambdaOnItsCreationsLine_isFoundThere() {
    assertEquals(List.of("a lambda (body lambda$oneLine$1)"), describedAt("oneLine"));
  }

  @Test
  void linesWithClosures_listTheBodysLines() {
    assertEquals(List.of(line("chain.start"), line("chain.filter"), line("oneLine")), List.copyOf(finder.linesWithClosures()));
  }
}
