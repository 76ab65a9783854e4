package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One pricing sample per test class, on the class's JDK, with Pricing's bytes as the JVM first held them
 * (read by the Serviceability Agent) to compare against; every test starts with nothing patched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PricingTargetTests {
  static final String PRICING = Samples.PRICING;
  TargetJvm target;
  String originalHash;

  abstract int jdk();

  /** What a class needs loaded before its tests, once the sample runs (Pricing is, after its first order). */
  void prepare(TargetJvm started) {}

  @BeforeAll
  void start() {
    target = Samples.pricing(jdk());
    prepare(target);
    originalHash = Graft.classHash(target.pid(), PRICING);
  }

  @AfterAll
  void stop() {
    target.close();
  }

  @BeforeEach
  void revertEverything() {
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
  }
}
