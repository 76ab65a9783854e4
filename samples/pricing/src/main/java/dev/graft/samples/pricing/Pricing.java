package dev.graft.samples.pricing;

/** Prices an order. The "bug" to fix live: the discount rate is not capped, so big orders are nearly free. */
public final class Pricing {
  private static int priced;

  private Pricing() {}

  public static double price(int order, double amount) {
    priced++;
    double rate = discountRate(order);
    double total = amount * (1 - rate);
    return Rounding.CENTS.round(total);
  }

  static double discountRate(int order) {
    return (order % 10) * 0.1;
  }

  static int priced() {
    return priced;
  }
}
