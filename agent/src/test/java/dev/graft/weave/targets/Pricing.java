package dev.graft.weave.targets;

import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Weaving targets. Tests find lines by the {@code //@name} markers at their ends, so lines may move, but
 * the golden files record line numbers: regenerate them (-Dgraft.updateGolden=true) after editing this file.
 * Members are public or package-private because the tests compile snippet wrappers against this class
 * directly (the CLI shows javac an accessible view instead).
 */
public class Pricing {
  public static int finallyRuns;
  public static int helperCalls;
  public static int probe;

  public int calls;
  double base = 10.0; //@field.base

  public Pricing() {}

  public Pricing(int calls) {
    super(); //@ctor.super
    this.calls = calls * 2; //@ctor.body
  }

  public Pricing(String text) {
    this(new StringBuilder(text).reverse().toString().length()); //@ctor.this
  }

  public static double price(int order, double amount, double rate) {
    double discount = amount * rate; //@price.discount
    double total = amount - discount; //@price.total
    return total + order; //@price.return
  }

  public double scaled(double factor) {
    double result = base * factor; //@scaled.result
    calls++; //@scaled.calls
    return result; //@scaled.return
  }

  public static int sum(int n) {
    int total = 0; //@sum.init
    for (int i = 0; i < n; i++) { //@sum.for
      total += i; //@sum.body
    } //@sum.close
    return total; //@sum.return
  }

  public static int guarded(int x) {
    try {
      if (x < 0) { //@guarded.if
        return -1;
      }
      x = 100 / x; //@guarded.divide
    } finally {
      finallyRuns++; //@guarded.finally
    }
    return x; //@guarded.return
  }

  public static IntUnaryOperator adder(int k) {
    return x -> x + k; //@adder.lambda
  }

  public static int continued(int a, int b) {
    int r = a //@continued.start
        + twice(b); //@continued.second
    return r; //@continued.return
  }

  public static int twice(int v) {
    return 2 * v;
  }

  public static int discount(int percent) {
    return percent; //@discount.int
  }

  public static int discount(int percent, double cap) {
    return (int) Math.min(percent, cap); //@discount.intDouble
  }

  public static int fail(String message) {
    helperCalls++;
    throw new IllegalStateException(message);
  }

  public static <T extends Number> int generics(List<String> names, Map<String, List<Integer>> index, T bound, T[] many) {
    int size = names.size() + index.size(); //@generics.size
    return size + bound.intValue() + many.length; //@generics.return
  }

  public static int unnameable() {
    class Local {
      int value = 1;
    }
    Local local = new Local(); //@unnameable.local
    var anonymous = new Object() {
      int value = 2;
    };
    return local.value + anonymous.value; //@unnameable.return
  }

  public native void nativeCall();
}
