package dev.graft.samples.modern;

import java.util.concurrent.CountDownLatch;

/** Where the virtual threads wait: each is parked inside {@link #waitHere} until the program ends. */
final class Sleepers {
  private Sleepers() {}

  static void waitHere(CountDownLatch arrived, CountDownLatch release) {
    arrived.countDown();
    try {
      release.await(); // graft: waitHere
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
