package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.SpringShop;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * graft on a Spring Boot service run as production runs it: {@code java -jar shop.jar}, a repackaged fat jar
 * whose classes a LaunchedClassLoader defines from {@code BOOT-INF/}, embedded Tomcat.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringShopTests {
  static final String CONTROLLER = SpringShop.CONTROLLER;
  static final String PRICE_30 = "/price?sku=tea&quantity=30";
  static final int TOTAL_LINE = SpringShop.lineOf("inject ShopController:");
  static final int FILTER_LINE = SpringShop.lineOf("rebind ShopController:");
  SpringShop shop;

  abstract int jdk();

  @BeforeAll
  void startShop() {
    shop = SpringShop.start(jdk());
    assertEquals("TEA x30 = -60.00", shop.get(PRICE_30), "the bug: an uncapped bulk discount");
  }

  @AfterAll
  void stopShop() {
    shop.close();
  }

  @BeforeEach
  void revertEverything() {
    Run revert = Graft.run("revert", shop.pid(), "--all");
    assertEquals(0, revert.exitCode(), revert::toString);
  }

  /** JDK 17 drops MethodParameters at every retransformation (JDK-8240908): Spring then cannot bind by name. */
  @Test
  void showBytecode_injectAndRevert_thenAnEndpointNeverCalledStillBindsItsParametersByName() {
    Run show = Graft.run("show", shop.pid(), CONTROLLER + "#price", "--bytecode");
    assertEquals(0, show.exitCode(), show::toString);
    Run inject = Graft.patch("inject", shop.pid(), CONTROLLER + ":" + TOTAL_LINE, "if (discount > 0.5) discount = 0.5;");
    Graft.assertApplied(inject);
    assertEquals("TEA x30 = 60.00", shop.get(PRICE_30));
    Run revert = Graft.run("revert", shop.pid(), "--all");
    assertEquals(0, revert.exitCode(), revert::toString);
    assertEquals("TEA x30 = -60.00", shop.get(PRICE_30));
    assertEquals("tea in stock", shop.get("/stock?sku=tea"), "the first call of /stock, after graft changed its class");
  }

  @Test
  void rebind_atAFluentLambdasOwnLine_rebindsThatLambda() {
    assertEquals("tea,cake", shop.get("/cheap?threshold=6"));
    Run rebind = Graft.patch("rebind", shop.pid(), CONTROLLER + ":" + FILTER_LINE, "threshold=99");
    Graft.assertApplied(rebind);
    assertTrue(rebind.out().contains("#lambda$cheap$0(int,Product) (1 read)"), rebind::toString);
    assertEquals("tea,cake,jam,honey", shop.get("/cheap?threshold=6"));
    Run show = Graft.run("show", shop.pid(), CONTROLLER);
    assertTrue(show.out().matches("(?s).*lambda\\$cheap\\$0\\(int,Product\\) +line " + FILTER_LINE + "\n.*"), "show agrees: " + show);
  }

  /** Receipt is in BOOT-INF/classes, which the system class loader cannot see: graft finds the loader that will define it. */
  @Test
  void whenLoaded_patchesAFatJarClassNotLoadedYet_withoutALoaderNamed() {
    int line = SpringShop.lineOf("Receipt", "inject Receipt:");
    Run inject = Graft.patch("inject", shop.pid(), "dev.graft.samples.shop.Receipt:" + line, "total = total * 10;", "--when-loaded");
    assertEquals(0, inject.exitCode(), inject::toString);
    assertTrue(inject.out().contains("not loaded yet"), inject::toString);
    assertEquals("Green tea x2: 80", shop.get("/receipt?sku=tea&quantity=2"), "the patch applied when the class loaded");
    Run list = Graft.run("list", shop.pid());
    assertTrue(list.out().contains("active"), list::toString);
  }

  /**
   * At JVM start no loader can see into the fat jar: the script's patches wait, and each is compiled
   * against the LaunchedClassLoader when it defines the class (the controller at start-up, Receipt at the
   * first request that needs it).
   */
  @Test
  void startupScript_patchesFatJarClasses_asTheirLoaderDefinesThem() throws java.io.IOException {
    java.nio.file.Path script = java.nio.file.Files.createTempFile("shop-fix", ".graft");
    java.nio.file.Files.writeString(script, "inject " + CONTROLLER + ":" + TOTAL_LINE + " { if (discount > 0.5) discount = 0.5; }\n"
        + "inject dev.graft.samples.shop.Receipt:" + SpringShop.lineOf("Receipt", "inject Receipt:") + " { total = total * 10; }\n");
    try (SpringShop patched = SpringShop.start(jdk(), "-javaagent:" + System.getProperty("graft.agent.jar") + "=apply=" + script)) {
      assertEquals("TEA x30 = 60.00", patched.get(PRICE_30));
      assertEquals("Green tea x2: 80", patched.get("/receipt?sku=tea&quantity=2"));
      Run list = Graft.run("list", patched.pid());
      assertTrue(list.out().matches("(?s).*1 +inject +active +" + CONTROLLER.replace(".", "\\.") + ":" + TOTAL_LINE + ".*"), list::toString);
      assertTrue(list.out().matches("(?s).*2 +inject +active +dev\\.graft\\.samples\\.shop\\.Receipt:.*"), list::toString);
      assertTrue(!patched.jvm().stderr().contains("not applied"), patched.jvm().stderr());
    }
  }

  @Test
  void loader_isNamedByItsClassName_orByAClassItDefined() {
    Run byName = Graft.run("show", shop.pid(), CONTROLLER, "--loader", "LaunchedClassLoader");
    assertEquals(0, byName.exitCode(), byName::toString);
    Run byClass = Graft.run("show", shop.pid(), CONTROLLER, "--loader-of", "dev.graft.samples.shop.ShopApplication");
    assertEquals(0, byClass.exitCode(), byClass::toString);
    Run unknown = Graft.run("show", shop.pid(), CONTROLLER, "--loader", "NoSuchLoader");
    assertEquals(1, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.err().contains("no class loader is named or has an id 'NoSuchLoader'; the loaders of loaded classes: ")
        && unknown.err().contains("LaunchedClassLoader"), unknown::toString);
  }

  /**
   * A line of the source pasted as it is: simple names of a Spring type, a library type not loaded yet, a
   * Tomcat class, the class's own method; and a Tomcat class the controller never names, in full (from a
   * jar inside the fat jar).
   */
  @Test
  void snippet_namesTypesAsTheSourceDoes() {
    Run inject = Graft.patch("inject", shop.pid(), CONTROLLER + ":" + TOTAL_LINE, "System.out.println(\"graft sees \" + HttpStatus.OK.value() + \" \""
        + " + NumberUtils.toInt(\"7\") + \" \" + StringUtils.upperCase(sku) + \" \" + find(sku).name() + \" \""
        + " + ServerInfo.getServerInfo() + \" \" + org.apache.tomcat.util.buf.HexUtils.toHexString(new byte[] {10}));");
    Graft.assertApplied(inject);
    assertEquals("TEA x30 = -60.00", shop.get(PRICE_30));
    String seen = shop.jvm().awaitStartingWith("graft sees ");
    assertTrue(seen.startsWith("graft sees 200 7 TEA Green tea Apache Tomcat/") && seen.endsWith(" 0a"), seen);
  }

  /** 50 inject/revert cycles while 4 clients call the patched endpoint nonstop: no request fails. */
  @Test
  void fiftyInjectRevertCycles_underHttpLoad_loseNoRequest() throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger served = new AtomicInteger();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread client = new Thread(() -> {
        while (running.get()) {
          try {
            HttpResponse<String> response = shop.request(PRICE_30);
            String body = response.body();
            if (response.statusCode() != 200 || !(body.equals("TEA x30 = -60.00") || body.equals("TEA x30 = 60.00"))) {
              failures.add(response.statusCode() + " " + body);
            }
            served.incrementAndGet();
          } catch (AssertionError e) {
            failures.add(e.getMessage());
          }
        }
      });
      client.start();
      clients.add(client);
    }
    try {
      for (int cycle = 0; cycle < 50; cycle++) {
        Run inject = Graft.patch("inject", shop.pid(), CONTROLLER + ":" + TOTAL_LINE, "if (discount > 0.5) discount = 0.5;");
        Graft.assertApplied(inject);
        Run revert = Graft.run("revert", shop.pid(), "--all");
        assertEquals(0, revert.exitCode(), revert::toString);
      }
    } finally {
      running.set(false);
      for (Thread client : clients) {
        client.join(15_000);
      }
    }
    assertEquals(List.of(), failures, "failed requests");
    assertTrue(served.get() > 50, "requests served during the cycles: " + served);
  }
}
