package org.ringfs.cli;

/** A marker for the picocli-annotated role commands (meta, data, ...) the launcher finds with ServiceLoader. */
public interface RoleCommand extends java.util.concurrent.Callable<Integer> {}
