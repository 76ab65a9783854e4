package dev.graft.it.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A target under stress, run as its own JVM by the fault tests and driven through stdin: "fill P" holds
 * memory until P% of the heap is live, "free" lets it go, "spin N" starts N threads that burn CPU, and
 * "call N" runs {@link #work}, the method the tests patch. A churning thread allocates all the while. Any
 * OutOfMemoryError an application thread sees is printed on stdout as "OOME in THREAD", for the tests to find.
 */
public final class StressedTarget {
  private static final int CHUNK = 128 << 10; // below G1's humongous size on a small heap
  private static final List<byte[]> held = new ArrayList<>();
  private static volatile long churned;

  private StressedTarget() {}

  public static void main(String[] args) throws Exception {
    Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
      if (failure instanceof OutOfMemoryError) {
        System.out.println("OOME in " + thread.getName());
      }
      failure.printStackTrace();
    });
    start("churn", StressedTarget::churn);
    System.out.println("stressed: ready");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      String[] words = line.trim().split(" ");
      try {
        switch (words[0]) {
          case "fill" -> System.out.println(fill(Integer.parseInt(words[1])));
          case "free" -> {
            held.clear();
            System.gc();
            System.out.println("freed");
          }
          case "spin" -> {
            for (int i = 0; i < Integer.parseInt(words[1]); i++) {
              start("spin-" + i, StressedTarget::spin);
            }
            System.out.println("spinning " + words[1]);
          }
          case "call" -> System.out.println("work " + words[1] + " -> " + work(Integer.parseInt(words[1])));
          case "status" -> System.out.println("status churned " + churned);
          default -> System.out.println("unknown " + line);
        }
      } catch (OutOfMemoryError e) {
        System.out.println("OOME in main");
      }
    }
  }

  static int work(int n) {
    int doubled = n * 2;
    return doubled;
  }

  /** Holds chunks until {@code percent} of the heap is live (measured after a collection). */
  private static String fill(int percent) {
    Runtime runtime = Runtime.getRuntime();
    long target = runtime.maxMemory() * percent / 100;
    System.gc();
    while (runtime.totalMemory() - runtime.freeMemory() < target) {
      held.add(new byte[CHUNK]);
      if (held.size() % 16 == 0) {
        System.gc(); // count live data, not the churn's garbage
      }
    }
    System.gc();
    long used = runtime.totalMemory() - runtime.freeMemory();
    return "filled " + (used >> 20) + " MB of " + (runtime.maxMemory() >> 20) + " MB";
  }

  /** Short-lived garbage, nonstop, with a little of it kept for a while (a ring of 8 KB arrays). */
  private static void churn() {
    byte[][] ring = new byte[32][];
    for (long i = 0; ; i++) {
      try {
        ring[(int) (i % ring.length)] = new byte[8 << 10];
        churned = i;
        if (i % 64 == 0) {
          Thread.sleep(1);
        }
      } catch (OutOfMemoryError e) {
        System.out.println("OOME in churn");
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void spin() {
    long x = 0;
    while (true) {
      x += System.nanoTime() & 1;
      if (x == Long.MIN_VALUE) {
        System.out.println(x); // never: keeps the loop from being optimised away
      }
    }
  }

  private static void start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }
}
