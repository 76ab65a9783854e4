package dev.graft.samples.pricing;

import java.util.function.Supplier;

/** Loaded only when the first late order comes: a class graft can wait for. */
final class LateFees {
  private LateFees() {}

  static double fee(int days) {
    double perDay = 1.5;
    return days * perDay;
  }

  static String label(int days) {
    String unit = "days";
    Supplier<String> text = () -> days + " " + unit;
    return text.get();
  }
}
