package dev.graft.agent.core;

import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.WatchHit;
import dev.graft.protocol.Messages.WatchHits;
import dev.graft.protocol.Messages.WatchOpened;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's end of {@code graft watch}. A watch's spliced code hands each hit (time, thread, the values)
 * to a bounded queue the agent made, found through a system property, so the patched class needs no graft
 * class: JDK types only, as caught exceptions are reported. The application thread never blocks: when the
 * queue is full the hit is dropped and counted. The CLI polls; each poll renews the watch's lease, and a
 * watch whose client stops polling (Ctrl-C, SIGKILL, a lost connection) is removed by the agent.
 */
final class Watches {
  static final String PROPERTY_PREFIX = "dev.graft.watch.";
  static final String DROPPED_SUFFIX = ".dropped";
  /** Hits kept between polls; beyond them, hits are dropped and counted. */
  private static final int QUEUE = 4096;
  /** A watch not polled for this long is gone: its client was stopped or killed. */
  static final long LEASE_MILLIS = 3_000;
  /**
   * Until its first poll a watch has longer: its client compiles and applies the watch's patch first, which
   * in a JVM whose cores are busy (a hot loop) took over 3 s, and the lease ran out before the first poll.
   * Once its patch is applied, the usual lease runs ({@link #patched}).
   */
  static final long FIRST_POLL_MILLIS = 30_000;

  private final Map<String, Watch> open = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  private static final class Watch {
    final ArrayBlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(QUEUE);
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong taken = new AtomicLong();
    volatile long leaseUntil = System.currentTimeMillis() + FIRST_POLL_MILLIS;
  }

  WatchOpened open() {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    Watch watch = new Watch();
    open.put(token, watch);
    System.getProperties().put(PROPERTY_PREFIX + token, watch.queue);
    System.getProperties().put(PROPERTY_PREFIX + token + DROPPED_SUFFIX, watch.dropped);
    return new WatchOpened(token, PROPERTY_PREFIX + token, PROPERTY_PREFIX + token + DROPPED_SUFFIX, LEASE_MILLIS);
  }

  /** The hits since the last poll, at most {@code most} of them shown (the rest counted); renews the lease. */
  WatchHits poll(String token, int most) {
    Watch watch = open.get(token);
    if (watch == null) {
      throw GraftException.rejected("no watch " + token + " in this JVM (it ended, or its lease ran out)");
    }
    watch.leaseUntil = System.currentTimeMillis() + LEASE_MILLIS;
    List<Object[]> drained = new ArrayList<>();
    watch.queue.drainTo(drained);
    watch.taken.addAndGet(drained.size());
    List<WatchHit> shown = new ArrayList<>();
    for (Object[] hit : drained.subList(0, Math.min(Math.max(most, 0), drained.size()))) {
      List<String> values = new ArrayList<>();
      for (int i = 2; i < hit.length; i++) {
        values.add(WatchValues.render(hit[i]));
      }
      shown.add(new WatchHit((Long) hit[0], (String) hit[1], values));
    }
    long dropped = watch.dropped.get();
    return new WatchHits(shown, drained.size() - shown.size(), watch.taken.get() + dropped, dropped);
  }

  /** A patch was applied: if its code is a watch's, that watch's lease runs from now, as if polled. */
  void patched(String code) {
    open.forEach((token, watch) -> {
      if (code != null && code.contains(PROPERTY_PREFIX + token)) {
        watch.leaseUntil = System.currentTimeMillis() + LEASE_MILLIS;
      }
    });
  }

  /** Forgets a watch; its patch is reverted by the caller. */
  void close(String token) {
    open.remove(token);
    System.getProperties().remove(PROPERTY_PREFIX + token);
    System.getProperties().remove(PROPERTY_PREFIX + token + DROPPED_SUFFIX);
  }

  /** The watches whose lease ran out. */
  Set<String> expired() {
    long now = System.currentTimeMillis();
    Set<String> expired = ConcurrentHashMap.newKeySet();
    open.forEach((token, watch) -> {
      if (watch.leaseUntil < now) {
        expired.add(token);
      }
    });
    return expired;
  }
}
