package dev.graft.samples.modular;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Prints twice each number read from stdin: {@code java -p modular.jar -m dev.graft.samples.modular/dev.graft.samples.modular.Doubler}. */
public final class Doubler {
  private Doubler() {}

  static int twice(int value) {
    int result = value * 2;
    return result;
  }

  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("modular: ready in module " + Doubler.class.getModule().getName()
        + ", reads java.logging: " + Doubler.class.getModule().canRead(ModuleLayer.boot().findModule("java.logging").orElseThrow()));
    for (String line; (line = in.readLine()) != null; ) {
      System.out.println("twice " + twice(Integer.parseInt(line.trim())));
    }
  }
}
