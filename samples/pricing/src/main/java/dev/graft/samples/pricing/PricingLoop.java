package dev.graft.samples.pricing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The pricing sample. {@code PricingLoop [millis]} prices one order every so often and prints it;
 * {@code PricingLoop --stdin} prices the order number read from each line of stdin (for tests: every
 * answer comes from a call made after the line was sent).
 */
public final class PricingLoop {
  private PricingLoop() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--stdin")) {
      answerStdin();
      return;
    }
    if (args.length > 1 && args[0].equals("--load")) {
      Load load = new Load(Integer.parseInt(args[1]));
      load.start();
      answerStdin(load);
      return;
    }
    long pause = args.length > 0 ? Long.parseLong(args[0]) : 500;
    System.out.println("pricing: ready");
    for (int order = 1; ; order++) {
      System.out.println(describe(order));
      Thread.sleep(pause);
    }
  }

  static String describe(int order) {
    double amount = 100 + (order % 7) * 10;
    double total = Pricing.price(order, amount);
    return String.format("order %d amount %.2f total %.2f", order, amount, total);
  }

  private static void answerStdin() throws Exception {
    answerStdin(null);
  }

  private static void answerStdin(Load load) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("pricing: ready");
    for (String line; (line = in.readLine()) != null; ) {
      line = line.trim();
      if (line.isEmpty()) {
        continue;
      }
      try {
        if (line.equals("status") && load != null) {
          System.out.println(load.status());
          continue;
        }
        if (line.equals("bench")) {
          System.out.println(Workbench.run());
          continue;
        }
        if (line.equals("twin")) {
          System.out.println("twin loader " + Twin.load());
          continue;
        }
        if (line.equals("late")) {
          // LateFees loads only now: the class a --when-loaded patch waits for
          System.out.println("late fee " + LateFees.fee(3) + " for " + LateFees.label(3));
          continue;
        }
        System.out.println(describe(Integer.parseInt(line)));
      } catch (RuntimeException e) {
        // fault injection shows up here, and the sample keeps answering
        System.out.println("error: " + e);
      }
    }
  }
}
