package dev.graft.channel;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
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

  /** Null when the peer may be served; otherwise why not. */
  public String refusal(SocketChannel peer) throws IOException {
    UnixDomainPrincipal principal = peer.getOption(ExtendedSocketOptions.SO_PEERCRED);
    UserPrincipal user = principal.user();
    if (user.getName().equals(ownerName) || user.getName().equals(ROOT)) {
      return null;
    }
    return "user " + user.getName() + " may not control this JVM (it belongs to " + ownerName + ")";
  }
}
