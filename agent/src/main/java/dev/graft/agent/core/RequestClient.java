package dev.graft.agent.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who sent a request, for the agent's log: the user is the kernel's word (SO_PEERCRED), the pid the client's
 * own (the socket does not carry it). The uid is read from the client's /proc entry only when that process
 * belongs to the same user, so a pid claimed by someone else never lends its owner's uid.
 */
final class RequestClient {
  private RequestClient() {}

  static String describe(String user, long pid) {
    if (pid <= 0) {
      return "client " + user;
    }
    Path process = Path.of("/proc", Long.toString(pid));
    try {
      if (Files.getOwner(process).getName().equals(user)) {
        return "client " + user + " (uid " + Files.getAttribute(process, "unix:uid") + "), pid " + pid;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // gone already, or in another pid namespace: the pid as the client gave it
    }
    return "client " + user + ", pid " + pid;
  }
}
