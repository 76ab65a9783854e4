package dev.graft.agent.core;

import dev.graft.compile.JavacTasks;
import dev.graft.patch.PatchApplier;
import dev.graft.patch.PatchRegistry;
import java.nio.file.Path;

/** The agent's long-lived parts, built once at start. */
public record AgentContext(
    long pid,
    Path socket,
    AgentLog log,
    LoaderIds loaderIds,
    LoadedClasses classes,
    ClassFiles classFiles,
    PackageListing packages,
    PatchRegistry registry,
    PatchApplier applier,
    JavacTasks javac,
    LiveThreads threads) {}
