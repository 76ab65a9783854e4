package dev.graft.weave.targets;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/** Closures as fluent code writes them: lambdas on the lines of a chain, and a lambda on its creation's line. */
public final class Fluent {
  private Fluent() {}

  public static String cheap(List<String> names, int threshold) {
    return names.stream() //@chain.start
        .filter(name -> name.length() <= threshold) //@chain.filter
        .map(String::toUpperCase) //@chain.map
        .collect(Collectors.joining(","));
  }

  public static IntSupplier oneLine(int base) {
    return () -> base + 1; //@oneLine
  }
}
