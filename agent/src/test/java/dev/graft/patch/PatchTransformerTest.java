package dev.graft.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.graft.protocol.PatchTarget;
import dev.graft.testing.ClassBytes;
import dev.graft.weave.SpliceSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

/** The transformer takes a class already woven and verified as it is, only when it is still the same work. */
class PatchTransformerTest {
  static final class Target {
    int answer() {
      return 42;
    }
  }

  private static final String NAME = Target.class.getName().replace('.', '/');
  private static final byte[] WOVEN = {(byte) 0xCA, (byte) 0xFE, 1, 2, 3};

  private final byte[] original = ClassBytes.of(Target.class);
  private final PatchRegistry registry = new PatchRegistry();
  private final PatchTransformer transformer = new PatchTransformer(registry, loader -> "app", NOPLogger.NOP_LOGGER);
  // a wrapper that is no class file: weaving this patch fails, so bytes that come back were not woven here
  private final Patch patch = new Patch("1", Patch.KIND_INJECT, "Target:1", "x = 1;", NAME, "app",
      new SpliceSpec("1", PatchTarget.parse(Target.class.getName() + ":1"), new byte[] {0}, List.of(), false), Instant.now());

  PatchTransformerTest() {
    registry.add(patch);
  }

  @Test
  void checkedBytes_areUsedAsTheyAre_whenTheOriginalAndThePatchesAreTheSame() {
    transformer.offer(Target.class, new CheckedClass(original.clone(), List.of(patch), WOVEN));
    assertArrayEquals(WOVEN, transform());
    assertNull(transformer.takeFailure(Target.class));
  }

  @Test
  void checkedBytes_areUsedOnce() {
    transformer.offer(Target.class, new CheckedClass(original.clone(), List.of(patch), WOVEN));
    transform();
    assertNull(transform(), "the second transformation weaves (and here fails) on its own");
    assertNotNull(transformer.takeFailure(Target.class));
  }

  @Test
  void checkedBytes_areNotUsed_whenTheJvmHandsOverOtherBytes() {
    byte[] other = original.clone();
    other[other.length - 1] ^= 1;
    transformer.offer(Target.class, new CheckedClass(other, List.of(patch), WOVEN));
    assertNull(transform());
    assertNotNull(transformer.takeFailure(Target.class));
  }

  @Test
  void checkedBytes_areNotUsed_whenThePatchesChanged() {
    Patch other = new Patch("2", patch.kind(), patch.target(), patch.code(), NAME, "app", patch.spec(), Instant.now());
    transformer.offer(Target.class, new CheckedClass(original.clone(), List.of(patch, other), WOVEN));
    assertNull(transform());
  }

  @Test
  void withdrawnBytes_areNotUsed() {
    transformer.offer(Target.class, new CheckedClass(original.clone(), List.of(patch), WOVEN));
    transformer.withdraw(Target.class);
    assertNull(transform());
  }

  private byte[] transform() {
    return transformer.transform(Target.class.getClassLoader(), NAME, Target.class, null, original.clone());
  }
}
