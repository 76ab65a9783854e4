package dev.graft.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** A per-user directory that only its owner can enter (0700), refused when someone else made it first. */
public final class SecureDirectory {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private SecureDirectory() {}

  public static Path prepare(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    String owner = Files.getOwner(directory).getName();
    String me = PeerCheck.processOwner();
    if (!owner.equals(me)) {
      throw new IOException(directory + " belongs to " + owner + ", not to " + me + "; remove it or fix its owner");
    }
    Files.setPosixFilePermissions(directory, OWNER_ONLY);
    return directory;
  }
}
