package dev.graft.channel;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/** Serves only the target's own user, or root: the kernel's word on who is at the other end (SO_PEERCRED). */
public final class PeerCheck {
  private static final String ROOT = "root";
  private final String ownerName;

  public PeerCheck(String ownerName) {
    this.ownerName = ownerName;
  }

  /** The user that owns this process, as the file system names it. */
  public static String processOwner() throws IOException {
    return Files.getOwner(Path.of("/proc/self")).getName();
  }

  /** The user at the other end of {@code peer}. */
  public static String user(SocketChannel peer) throws IOException {
    UnixDomainPrincipal principal = peer.getOption(ExtendedSocketOptions.SO_PEERCRED);
    return principal.user().getName();
  }

  /** Null when a peer of {@code user} may be served; otherwise why not. */
  public String refusal(String user) {
    if (user.equals(ownerName) || user.equals(ROOT)) {
      return null;
    }
    return "user " + user + " may not control this JVM (it belongs to " + ownerName + ")";
  }
}
