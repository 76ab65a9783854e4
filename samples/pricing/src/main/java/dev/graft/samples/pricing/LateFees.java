package dev.graft.samples.pricing;

/** Loaded only when the first late order comes: a class graft can wait for. */
final class LateFees {
  private LateFees() {}

  static double fee(int days) {
    double perDay = 1.5;
    return days * perDay;
  }
}
