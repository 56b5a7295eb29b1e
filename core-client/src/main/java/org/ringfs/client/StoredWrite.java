package org.ringfs.client;

import org.ringfs.api.BlockWrite;

import java.util.concurrent.CompletableFuture;

/**
 * A block generation stored on enough targets for the write policy: the {@link BlockWrite} to commit,
 * and when every PUT of it has ended. A straggler may still land a copy after the policy was met, so
 * a generation that will never be committed is deleted only once {@code allPutsEnded} completes.
 */
record StoredWrite(BlockWrite write, CompletableFuture<Void> allPutsEnded) {
}
