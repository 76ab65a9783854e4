package dev.graft.samples.pricing;

/**
 * Language constructs to splice into, answered by "bench" on the pricing sample's stdin: loops, try,
 * catch and finally, long and double locals, a constructor, a generic method, a void method, a private
 * field, and an inner class that reads its host's private member.
 */
final class Workbench {
  private static int limit = 3;
  private int calls;

  Workbench() {
    calls = calls + 1;
  }

  long sumTo(int n) {
    long sum = 0;
    for (int i = 1; i <= n; i++) {
      sum += i;
    }
    return sum;
  }

  double guarded(String text) {
    double parsed = -1;
    try {
      parsed = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      parsed = -2;
    } finally {
      calls++;
    }
    return parsed;
  }

  <T extends Comparable<T>> T max(T a, T b) {
    T best = a.compareTo(b) >= 0 ? a : b;
    return best;
  }

  void record(StringBuilder out) {
    out.append("recorded");
    out.append(calls);
  }

  final class Inner {
    private int secret = 7;

    int reveal() {
      int shown = secret + limit;
      return shown;
    }
  }

  static String run() {
    Workbench bench = new Workbench();
    StringBuilder recorded = new StringBuilder();
    bench.record(recorded);
    return "bench sumTo=" + bench.sumTo(5) + " guarded=" + bench.guarded("2.5") + "/" + bench.guarded("x")
        + " max=" + bench.max("a", "b") + " record=" + recorded + " reveal=" + bench.new Inner().reveal() + " calls=" + bench.calls;
  }
}
