package dev.graft.samples.fidelity;

/**
 * Defined by {@link FidelityLoop}'s own class loader, which serves no class files: graft cannot read
 * this class's class file, so on JDK 17 it cannot restore the parameter names a retransformation drops.
 */
public final class Greeter {
  public String greet(String name, int times) {
    String greeting = "hello " + name;
    return greeting.repeat(times);
  }
}
