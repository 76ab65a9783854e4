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
 * Lambdas, anonymous and local classes that capture locals, created once and called again and again:
 * what they print changes only if what they captured is rebound. {@code Closures --stdin} prints one
 * round per line read; otherwise one round every so often. Each closure prints {@code key=value}.
 */
public final class Closures {
  static int bonus = 5;
  private String greeting = "hello"; // not a constant: javac would inline a constant, and no read would be left to rebind

  private Closures() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Closures closures = new Closures();
    List<Supplier<String>> all = new ArrayList<>(closures.build(3, "world"));
    all.addAll(closures.more(7)); all.addAll(closures.pair(4)); // on one line: the lines below keep their numbers
    // a lambda's class is a hidden class: graft must refuse to patch it, and tests need its name
    System.out.println("closures: lambda class " + all.get(0).getClass().getName());
    if (args.length > 0 && args[0].equals("--stdin")) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      System.out.println("closures: ready");
      while (in.readLine() != null) {
        printRound(all);
      }
      return;
    }
    long pause = args.length > 0 ? Long.parseLong(args[0]) : 1000;
    System.out.println("closures: ready");
    while (true) {
      printRound(all);
      Thread.sleep(pause);
    }
  }

  private static void printRound(List<Supplier<String>> closures) {
    StringBuilder line = new StringBuilder("round");
    for (Supplier<String> closure : closures) {
      line.append(' ').append(closure.get());
    }
    System.out.println(line);
  }

  List<Supplier<String>> build(int limit, String name) {
    List<Supplier<String>> result = new ArrayList<>();
    int threshold = limit * 2;
    result.add(() -> "threshold=" + threshold);
    result.add(() -> "greeting=" + greeting + "," + name + "," + limit);
    IntSupplier doubled = new IntSupplier() {
      @Override
      public int getAsInt() {
        return threshold * 2;
      }
    };
    result.add(() -> "doubled=" + doubled.getAsInt());
    return result;
  }

  List<Supplier<String>> more(int base) {
    List<Supplier<String>> result = new ArrayList<>();
    for (int step : new int[] {1, 2}) {
      result.add(() -> "step=" + step);
    }
    Supplier<Supplier<String>> outer = () -> {
      int inner = base + 1;
      return () -> "nested=" + base + "/" + inner;
    };
    result.add(() -> outer.get().get());
    class Scaled implements Supplier<String> {
      @Override
      public String get() {
        return "scaled=" + base * 10;
      }
    }
    result.add(new Scaled());
    result.add(() -> "constant=" + 1);
    result.add(this::summary);
    return result;
  }

  String summary() {
    return "summary=" + greeting + "+" + bonus;
  }

  /** Two lambdas on one line, both capturing x: {@code rebind Closures:LINE --index K} picks one. */
  List<Supplier<String>> pair(int x) {
    return List.of(() -> "twin=" + x, () -> "twin=" + x * 2);
  }
}
