package dev.graft.it.support;

import java.util.List;

/** The sample apps, started on a given JDK in the mode the tests drive (answers per stdin line). */
public final class Samples {
  public static final String PRICING = "dev.graft.samples.pricing.Pricing";
  public static final String PRICING_LOOP = "dev.graft.samples.pricing.PricingLoop";
  public static final String CLOSURES = "dev.graft.samples.closures.Closures";
  public static final String CANARY = "dev.graft.samples.canary.Canary";

  private Samples() {}

  public static TargetJvm pricing(int jdk, String... jvmOptions) {
    TargetJvm target = TargetJvm.start(jdk, List.of(jvmOptions), jar("pricing/target/pricing.jar"), PRICING_LOOP, "--stdin");
    target.awaitStartingWith("pricing: ready");
    target.ask("1", "order 1"); // classes load on first use: after one order, Pricing and Rounding are loaded
    return target;
  }

  /** The pricing sample with {@code threads} threads pricing order 9 nonstop; "status" on stdin reports. */
  public static TargetJvm pricingUnderLoad(int jdk, int threads) {
    TargetJvm target = TargetJvm.start(jdk, List.of(), jar("pricing/target/pricing.jar"), PRICING_LOOP, "--load", String.valueOf(threads));
    target.awaitStartingWith("pricing: ready");
    target.ask("1", "order 1");
    return target;
  }

  public static String pricingJar() {
    return jar("pricing/target/pricing.jar");
  }

  public static TargetJvm closures(int jdk) {
    TargetJvm target = TargetJvm.start(jdk, List.of(), jar("closures/target/closures.jar"), CLOSURES, "--stdin");
    target.awaitStartingWith("closures: ready");
    return target;
  }

  public static TargetJvm canary(int jdk, String... jvmOptions) {
    return TargetJvm.start(jdk, List.of(jvmOptions), jar("canary/target/canary.jar"), CANARY);
  }

  private static String jar(String relative) {
    return TargetJvm.samplesDir().resolve(relative).toAbsolutePath().normalize().toString();
  }
}
