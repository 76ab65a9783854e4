package dev.graft.cli.command;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.Lifetime;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --hits N} and {@code --for DURATION}: the patch reverts itself (inject, rebind; DESIGN §2). */
public final class LifetimeOptions {
  @Option(names = "--hits", paramLabel = "N", description = "Revert the patch by itself after its code has run N times.")
  Long hits;

  @Option(names = "--for", paramLabel = "DURATION", converter = CommonOptions.DurationConverter.class,
      description = "Revert the patch by itself after this long (10s, 500ms, 2m).")
  Duration duration;

  /** The lifetime asked for, checked before anything is sent; null for a patch that stays until reverted. */
  Lifetime lifetime() {
    if (hits != null && hits < 1) {
      throw new GraftException(ExitCodes.USAGE, "--hits takes a positive number of runs, got " + hits + "; leave it out for a patch that stays");
    }
    if (duration != null && (duration.isZero() || duration.isNegative())) {
      throw new GraftException(ExitCodes.USAGE, "--for takes a positive duration (10s, 500ms, 2m), got " + duration.toMillis() + "ms");
    }
    return hits == null && duration == null ? null : new Lifetime(hits, duration == null ? null : duration.toMillis());
  }

  /** How the patch's end reads in a command's output: {@code after 3 hits or 10s, whichever comes first}. */
  static String describe(Lifetime lifetime) {
    String hits = lifetime.hits() == null ? null : lifetime.hits() + (lifetime.hits() == 1 ? " hit" : " hits");
    String time = lifetime.millis() == null ? null : Duration.ofMillis(lifetime.millis()).toString().substring(2).toLowerCase();
    if (hits != null && time != null) {
      return "after " + hits + " or " + time + ", whichever comes first";
    }
    return "after " + (hits != null ? hits : time);
  }
}
