package dev.graft.agent.core;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.Lifetime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Patches that revert themselves ({@code --hits N}, {@code --for DURATION}). Each has an {@code AtomicLong}
 * of runs left in a system property, which its woven guard ({@link dev.graft.weave.HitGuard}) takes one
 * from before the patch's code runs: the application thread only decrements a counter, and the code stops
 * at the last hit even before the revert. The agent's own thread watches the counters and the deadlines
 * and reverts the spent patches; at a deadline it first sets the runs left to zero.
 */
final class Lifetimes {
  /** How often the agent looks for spent patches: a patch reverts itself within this of its last hit. */
  private static final long CHECK_MILLIS = 50;
  private static final long UNLIMITED = Long.MAX_VALUE;

  /** @param hits the runs it was given, or null; @param deadline epoch ms, or {@link #UNLIMITED} */
  private record Armed(String patchId, AtomicLong left, Long hits, long deadline, String given, String key) {}

  private final Map<String, Armed> armed = new ConcurrentHashMap<>();
  /** Reverts a spent patch, given its id and why; runs on the lifetimes thread. */
  private final BiConsumer<String, String> revert;
  private Thread watcher;

  Lifetimes(BiConsumer<String, String> revert) {
    this.revert = revert;
  }

  /** The property a patch's guard reads: its runs are counted with {@code --hits}, only read with {@code --for} alone. */
  static String keyOf(String patchId, Lifetime lifetime) {
    return dev.graft.weave.HitGuard.keyFor(patchId, lifetime.hits() != null);
  }

  /** A lifetime from a request, checked: at least one hit, at least one millisecond. */
  static Lifetime checked(Lifetime lifetime) {
    if (lifetime == null || (lifetime.hits() == null && lifetime.millis() == null)) {
      return null;
    }
    if (lifetime.hits() != null && lifetime.hits() < 1) {
      throw new GraftException(ExitCodes.USAGE, "--hits takes a positive number of runs, got " + lifetime.hits());
    }
    if (lifetime.millis() != null && lifetime.millis() < 1) {
      throw new GraftException(ExitCodes.USAGE, "--for takes a positive duration, got " + lifetime.millis() + "ms");
    }
    return lifetime;
  }

  /** Before the patch's class is retransformed: its guard must find its counter from its first run on. */
  synchronized void arm(String patchId, Lifetime lifetime) {
    AtomicLong left = new AtomicLong(lifetime.hits() == null ? UNLIMITED : lifetime.hits());
    long deadline = lifetime.millis() == null ? UNLIMITED : System.currentTimeMillis() + lifetime.millis();
    armed.put(patchId, new Armed(patchId, left, lifetime.hits(), deadline, describe(lifetime), keyOf(patchId, lifetime)));
    System.getProperties().put(keyOf(patchId, lifetime), left);
    if (watcher == null) { // started with the first patch that has a lifetime: an idle agent keeps one thread
      watcher = new Thread(this::watch, "graft-lifetimes");
      watcher.setDaemon(true);
      watcher.start();
    }
  }

  /** The patch is reverted (or never applied): its counter goes; a guard left woven would find none, and skip. */
  void forget(String patchId) {
    Armed patch = armed.remove(patchId);
    if (patch != null) {
      System.getProperties().remove(patch.key());
    }
  }

  /** Runs left for a patch given {@code --hits}; else null. */
  Long hitsLeft(String patchId) {
    Armed patch = armed.get(patchId);
    return patch == null || patch.hits() == null ? null : Math.max(0, patch.left().get());
  }

  /** Milliseconds left for a patch given {@code --for}; else null. */
  Long millisLeft(String patchId) {
    Armed patch = armed.get(patchId);
    return patch == null || patch.deadline() == UNLIMITED ? null : Math.max(0, patch.deadline() - System.currentTimeMillis());
  }

  /** What the patch was given, as its options read: {@code --hits 3 --for 10s}; null without a lifetime. */
  String given(String patchId) {
    Armed patch = armed.get(patchId);
    return patch == null ? null : patch.given();
  }

  static String describe(Lifetime lifetime) {
    String hits = lifetime.hits() == null ? "" : "--hits " + lifetime.hits();
    String time = lifetime.millis() == null ? "" : "--for " + (lifetime.millis() % 1000 == 0 ? lifetime.millis() / 1000 + "s" : lifetime.millis() + "ms");
    return (hits + " " + time).strip();
  }

  private void watch() {
    while (true) {
      try {
        Thread.sleep(CHECK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.currentTimeMillis();
      for (Armed patch : armed.values()) {
        String why = null;
        if (patch.hits() != null && patch.left().get() <= 0) {
          why = "its " + patch.hits() + (patch.hits() == 1 ? " hit was" : " hits were") + " used";
        } else if (now >= patch.deadline()) {
          patch.left().set(0); // no run after the deadline, even before the revert lands
          why = "its time (" + patch.given().replaceAll("--hits \\d+ ?", "").replace("--for ", "") + ") was up";
        }
        if (why != null) {
          revert.accept(patch.patchId(), why);
        }
      }
    }
  }
}
