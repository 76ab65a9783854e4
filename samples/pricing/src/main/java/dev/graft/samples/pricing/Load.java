package dev.graft.samples.pricing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code PricingLoop --load N}: N threads price order 9 (amount 120) nonstop. Unpatched it costs 12.00;
 * with the discount capped at 50% it costs 60.00. Anything else, or any exception, is counted: a patch
 * applied or reverted under load must show each call the old or the new behaviour, never a third.
 */
final class Load {
  private final int threads;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong unexpected = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> firstProblem = new AtomicReference<>("none");

  Load(int threads) {
    this.threads = threads;
  }

  void start() {
    for (int i = 0; i < threads; i++) {
      Thread worker = new Thread(this::run, "load-" + i);
      worker.setDaemon(true);
      worker.start();
    }
  }

  private void run() {
    while (true) {
      try {
        double total = Pricing.price(9, 120);
        if (total != 12.0 && total != 60.0) {
          unexpected.incrementAndGet();
          firstProblem.compareAndSet("none", "total " + total);
        }
      } catch (RuntimeException | Error e) {
        errors.incrementAndGet();
        firstProblem.compareAndSet("none", e.toString());
      }
      calls.incrementAndGet();
    }
  }

  String status() {
    return "status calls=" + calls.get() + " unexpected=" + unexpected.get() + " errors=" + errors.get() + " first=" + firstProblem.get();
  }
}
