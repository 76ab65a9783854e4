package dev.graft.samples.pricing;

/** How totals are rounded; abstract, so there is a method without code to be refused by graft. */
abstract class Rounding {
  abstract double round(double value);

  static final Rounding CENTS = new Rounding() {
    @Override
    double round(double value) {
      return Math.round(value * 100) / 100.0;
    }
  };
}
