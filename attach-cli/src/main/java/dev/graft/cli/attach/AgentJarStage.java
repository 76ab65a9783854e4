package dev.graft.cli.attach;

import dev.graft.channel.SecureDirectory;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
      Path staged = directory.resolve("graft-agent-" + sha256(agentJar).substring(0, 16) + ".jar");
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

  private static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
