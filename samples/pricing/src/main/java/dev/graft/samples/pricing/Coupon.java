package dev.graft.samples.pricing;

/**
 * A coupon that refuses more than half off: a constructor that throws after its super() call, for
 * {@code Coupon#<init>:exit --on-throw}. The sample does not use it; a test's snippet does.
 */
final class Coupon {
  private final int percent;

  Coupon(int percent) {
    super();
    if (percent > 50) {
      throw new IllegalArgumentException("coupon over 50%: " + percent);
    }
    this.percent = percent;
  }

  int percent() {
    return percent;
  }
}
