package dev.graft.cli.attach;

import dev.graft.channel.SecureDirectory;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.CRC32;

/**
 * A private, never-overwritten copy of the agent jar, named by its content, for the JVM to load. The
 * agent reads its core from its jar for as long as the JVM runs; rebuilding or upgrading graft must not
 * change that jar under a running agent. A JVM in a container of its own cannot see this CLI's files: its
 * copy goes into its own /tmp (reached through /proc/PID/root, as jattach does), and the path handed to
 * the JVM is the one it sees.
 */
final class AgentJarStage {
  private AgentJarStage() {}

  /** The staged jar as the target JVM names it (the path to hand to its attach listener). */
  static Path stage(Path agentJar, TargetProcess target, TargetNamespace namespace) {
    try {
      Path directory = stagingDirectory(target, namespace);
      String name = "graft-agent-" + contentKey(agentJar) + ".jar";
      Path staged = namespace.fromHost(directory).resolve(name);
      if (!Files.exists(staged)) {
        Path partial = Files.createTempFile(staged.getParent(), "graft-agent-", ".part");
        Files.copy(agentJar, partial, StandardCopyOption.REPLACE_EXISTING);
        TargetOwnership.give(partial, target);
        Files.move(partial, staged, StandardCopyOption.ATOMIC_MOVE);
      }
      return directory.resolve(name);
    } catch (IOException e) {
      throw new GraftException(ExitCodes.INTERNAL, "cannot stage the agent jar " + agentJar + ": " + e.getMessage(), e);
    }
  }

  /**
   * The staging directory as the target names it: this CLI's temporary directory for a JVM of our own
   * user that shares our file system; for one in a container (or of another user, reached as root), the
   * directory beside its socket in its own /tmp, owned by the target's user (as the agent itself would
   * make it), so the agent accepts it as its own.
   */
  private static Path stagingDirectory(TargetProcess target, TargetNamespace namespace) throws IOException {
    if (!namespace.ownMountNamespace() && target.uid() == TargetProcess.currentUid()) {
      return SecureDirectory.prepare(Path.of(System.getProperty("java.io.tmpdir"), "graft-" + target.uid()));
    }
    Path inside = Protocol.socketDirectory(namespace.namespaceUid());
    Path fromHost = namespace.fromHost(inside);
    if (!Files.isDirectory(fromHost)) {
      Files.createDirectories(fromHost, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      TargetOwnership.give(fromHost, target);
    }
    TargetOwnership.require(fromHost, target);
    return inside;
  }

  /**
   * The jar's size and CRC-32: enough to tell graft builds apart (the directory is the user's own, 0700,
   * so nobody else can plant a jar there), and the JVM computes a CRC-32 in milliseconds where SHA-256 of
   * the 6 MB jar took about 80 ms of every cold attach.
   */
  private static String contentKey(Path file) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 16];
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        crc.update(buffer, 0, read);
        size += read;
      }
    }
    return size + "-" + Long.toHexString(crc.getValue());
  }
}
