package dev.graft.protocol;

/** DESIGN §2: exit codes are part of graft's API. */
public final class ExitCodes {
  public static final int OK = 0;
  /** The patch or query was rejected (bad line, unknown local, compile error...); the target is unchanged. */
  public static final int REJECTED = 1;
  public static final int USAGE = 2;
  /** No such process, not a JVM, another user's JVM, attach disabled, another agent version. */
  public static final int UNREACHABLE = 3;
  /** The JVM refused the change (verification or redefinition error); the target is unchanged. */
  public static final int REFUSED = 4;
  public static final int INTERNAL = 5;

  private ExitCodes() {}
}
