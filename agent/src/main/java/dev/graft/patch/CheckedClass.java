package dev.graft.patch;

import java.util.List;

/**
 * A class already woven with all its patches, in order, and verified, from these original bytes: the
 * transformer hands these bytes to the JVM instead of weaving (and verifying) the class a second time.
 */
public record CheckedClass(byte[] original, List<Patch> patches, byte[] woven) {}
