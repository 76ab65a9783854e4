package dev.graft.cli.attach;

import dev.graft.compile.ClassSource;
import dev.graft.protocol.Messages.ClassBytes;
import dev.graft.protocol.Messages.ClassQuery;
import dev.graft.protocol.Messages.PackageListing;
import dev.graft.protocol.Messages.PackageQuery;
import dev.graft.protocol.Protocol;
import java.util.Base64;
import java.util.List;

/** The target's classes for javac in the CLI, asked of the agent over its socket, one request each. */
public record AgentClassSource(AgentClient agent, String loaderId) implements ClassSource {
  @Override
  public List<String> classNames(String packageName) {
    return agent.call(Protocol.OP_LIST_PACKAGE, new PackageQuery(loaderId, packageName), PackageListing.class).classNames();
  }

  @Override
  public byte[] classBytes(String className) {
    ClassBytes served = agent.call(Protocol.OP_CLASS_BYTES, new ClassQuery(className, loaderId), ClassBytes.class);
    return Base64.getDecoder().decode(served.base64());
  }
}
