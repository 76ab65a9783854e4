package dev.graft.protocol;

/** A failure the user can act on: its message names the problem and the way out; its code is the exit code. */
public class GraftException extends RuntimeException {
  private final int exitCode;

  public GraftException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public GraftException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static GraftException rejected(String message) {
    return new GraftException(ExitCodes.REJECTED, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
