package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.graft.it.support.Container;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * From the host, graft drives a JVM in a container of its own (its own pid and mount namespaces, a private
 * /tmp: {@link Container}), as the on-call engineer does from the node: the CLI runs in this test JVM, on
 * the host, and only the target is contained. One pricing and one closures target per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContainerTests {
  static final String CAP = "rate = 0.37;"; // 120.00 becomes 75.60
  static final String ORDER_9 = "order 9 amount 120.00 total 12.00";
  TargetJvm pricing;
  TargetJvm closures;

  /** The Java runtime inside the container. */
  abstract Path javaHome();

  /** Whether that runtime has javac: without it the CLI must compile, and does so by itself. */
  abstract boolean runtimeHasJavac();

  @BeforeAll
  void startContainers() {
    Container.assumeAvailable();
    pricing = Container.pricing(javaHome());
    closures = Container.closures(javaHome());
  }

  @AfterAll
  void stopContainers() {
    for (TargetJvm target : new TargetJvm[] {pricing, closures}) {
      if (target != null) {
        target.close();
      }
    }
  }

  Path containerTmp(TargetJvm target) {
    return Path.of("/proc", String.valueOf(target.pid()), "root", "tmp");
  }

  @Test
  void theTarget_isInNamespacesOfItsOwn_withAPrivateTmp() throws Exception {
    String nspid = Files.readAllLines(Path.of("/proc", String.valueOf(pricing.pid()), "status")).stream()
        .filter(line -> line.startsWith("NSpid:")).findFirst().orElseThrow();
    assertTrue(nspid.matches("NSpid:\\s+" + pricing.pid() + "\\s+1"), nspid);
    assertTrue(Files.isDirectory(containerTmp(pricing).resolve("hsperfdata_root")), "its hsperfdata is in its own /tmp");
    assertTrue(!Files.exists(Path.of("/tmp/hsperfdata_root", String.valueOf(pricing.pid()))), "and not in the host's");
  }

  @Test
  void show_fromTheHost_loadsTheAgentFromTheContainersOwnTmp() throws Exception {
    Run show = Graft.run("show", pricing.pid(), Samples.PRICING);
    assertEquals(0, show.exitCode(), show::toString);
    assertTrue(show.out().contains("price(int,double)                        lines 10-13"), show::toString);
    Path socketDirectory = containerTmp(pricing).resolve("graft-0");
    assertTrue(Files.exists(socketDirectory.resolve("agent-1.sock")), "the agent listens in the container's /tmp, named by its pid there");
    try (var files = Files.list(socketDirectory)) {
      assertTrue(files.anyMatch(file -> file.getFileName().toString().matches("graft-agent-.*\\.jar")), "the jar was staged where the target sees it");
    }
  }

  @Test
  void inject_list_revert_fromTheHost() {
    Run inject = Graft.patch("inject", pricing.pid(), Samples.PRICING + ":12", CAP, "-v");
    Graft.assertApplied(inject);
    assertEquals(!runtimeHasJavac(), inject.err().contains("graft: compiled the snippet here in "), inject::toString);
    assertEquals("order 9 amount 120.00 total 75.60", pricing.ask("9", "order 9"));
    String id = inject.out().replaceAll("(?s)^patch (\\d+) applied.*", "$1");

    Run list = Graft.run("list", pricing.pid());
    assertEquals(0, list.exitCode(), list::toString);
    assertTrue(list.out().lines().anyMatch(line -> line.startsWith(id + " ") && line.contains("inject  active") && line.endsWith(CAP)), list::toString);

    Run revert = Graft.run("revert", pricing.pid(), id);
    assertEquals(0, revert.exitCode(), revert::toString);
    assertEquals(ORDER_9, pricing.ask("9", "order 9"));
  }

  @Test
  void compileInCli_fromTheHost() {
    Run inject = Graft.patch("inject", pricing.pid(), Samples.PRICING + ":12", CAP, "--compile-in", "cli", "-v");
    Graft.assertApplied(inject);
    assertTrue(inject.err().contains("graft: compiled the snippet here in "), inject::toString);
    assertEquals("order 9 amount 120.00 total 75.60", pricing.ask("9", "order 9"));
    assertEquals(0, Graft.run("revert", pricing.pid(), "--all").exitCode());
    assertEquals(ORDER_9, pricing.ask("9", "order 9"));
  }

  @Test
  void rebind_fromTheHost() {
    String original = closures.ask("next", "round");
    Run rebind = Graft.patch("rebind", closures.pid(), Samples.CLOSURES + ":56", "threshold=99");
    Graft.assertApplied(rebind);
    assertEquals(original.replace("threshold=6", "threshold=99"), closures.ask("next", "round"));
    assertEquals(0, Graft.run("revert", closures.pid(), "--all").exitCode());
    assertEquals(original, closures.ask("next", "round"));
  }

  @Test
  void ps_showsThePidInsideAndWhereTheFilesAre() {
    Graft.run("show", pricing.pid(), Samples.PRICING); // loads the agent if no other test has
    Run ps = Graft.run("ps");
    assertEquals(0, ps.exitCode(), ps::toString);
    String line = ps.out().lines().filter(l -> l.startsWith(pricing.pid() + " ")).findFirst().orElseThrow(() -> new AssertionError(ps));
    assertTrue(line.matches(pricing.pid() + " +[.0-9]+ +0\\.1\\.0 +" + Samples.PRICING_LOOP
        + "  \\(in a container: pid 1, files under /proc/" + pricing.pid() + "/root\\)"), line);

    Run json = Graft.run("ps", "--json");
    JsonObject jvm = StreamSupport.stream(json.json().getAsJsonArray().spliterator(), false).map(e -> e.getAsJsonObject())
        .filter(o -> o.get("pid").getAsLong() == pricing.pid()).findFirst().orElseThrow(() -> new AssertionError(json));
    assertEquals(1, jvm.get("namespacePid").getAsLong(), json::toString);
    assertEquals("/proc/" + pricing.pid() + "/root", jvm.get("root").getAsString());
  }
}
