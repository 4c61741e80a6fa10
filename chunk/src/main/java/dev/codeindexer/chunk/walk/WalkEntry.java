package dev.codeindexer.chunk.walk;

/** What a walk yields for each path it decides on: a file to index, or a skip and its reason. */
public sealed interface WalkEntry permits SourceFile, Skip {

    /** Path relative to the walk's root, {@code /}-separated. */
    String path();
}
