package dev.graft.cli.attach;

import dev.graft.channel.SecureDirectory;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * A private, never-overwritten copy of the agent jar, named by its content, for the JVM to load. The
 * agent reads its core from its jar for as long as the JVM runs; rebuilding or upgrading graft must not
 * change that jar under a running agent.
 */
final class AgentJarStage {
  private AgentJarStage() {}

  static Path stage(Path agentJar, long uid) {
    try {
      Path directory = SecureDirectory.prepare(Path.of(System.getProperty("java.io.tmpdir"), "graft-" + uid));
      Path staged = directory.resolve("graft-agent-" + contentKey(agentJar) + ".jar");
      if (!Files.exists(staged)) {
        Path partial = Files.createTempFile(directory, "graft-agent-", ".part");
        Files.copy(agentJar, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, staged, StandardCopyOption.ATOMIC_MOVE);
      }
      return staged;
    } catch (IOException e) {
      throw new GraftException(ExitCodes.INTERNAL, "cannot stage the agent jar " + agentJar + ": " + e.getMessage(), e);
    }
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
