package dev.graft.samples.closures;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Lambdas and anonymous classes that capture locals, created once and called again and again: what they
 * print changes only if what they captured is rebound. {@code Closures --stdin} prints one round per line
 * read; otherwise one round every so often.
 */
public final class Closures {
  private final String greeting = "hello";

  private Closures() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    List<Supplier<String>> closures = new Closures().build(3, "world");
    // a lambda's class is a hidden class: graft must refuse to patch it, and tests need its name
    System.out.println("closures: lambda class " + closures.get(0).getClass().getName());
    if (args.length > 0 && args[0].equals("--stdin")) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      System.out.println("closures: ready");
      while (in.readLine() != null) {
        printRound(closures);
      }
      return;
    }
    long pause = args.length > 0 ? Long.parseLong(args[0]) : 1000;
    System.out.println("closures: ready");
    while (true) {
      printRound(closures);
      Thread.sleep(pause);
    }
  }

  private static void printRound(List<Supplier<String>> closures) {
    StringBuilder line = new StringBuilder();
    for (Supplier<String> closure : closures) {
      line.append(line.length() == 0 ? "" : " | ").append(closure.get());
    }
    System.out.println(line);
  }

  List<Supplier<String>> build(int limit, String name) {
    List<Supplier<String>> result = new ArrayList<>();
    int threshold = limit * 2;
    result.add(() -> "threshold=" + threshold);
    result.add(() -> greeting + " " + name + " x" + limit);
    IntSupplier doubled = new IntSupplier() {
      @Override
      public int getAsInt() {
        return threshold * 2;
      }
    };
    result.add(() -> "doubled=" + doubled.getAsInt());
    return result;
  }
}
