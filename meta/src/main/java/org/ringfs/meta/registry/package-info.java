/**
 * Cluster membership: data servers join the ring with their first heartbeat, stay alive while
 * heartbeats keep coming, and are told when to reconcile.
 *
 * <p>The reconcile rule. A heartbeat reply says {@code reconcile=true} when (a) the server was not
 * alive before it (dead, or unseen since meta started), or (b) the server is not rebuilding and an
 * under-replicated entry names it. Meta remembers when it last asked. The first later heartbeat
 * that reports {@code rebuilding=false} means that reconcile is over: meta removes the server from
 * every under-replicated entry recorded up to the ask (an entry left with nobody missing goes).
 * So a data server told to reconcile must report {@code rebuilding=true} from its next heartbeat
 * until it has copied what it lacks. Entries recorded after the ask trigger rule (b) again.
 *
 * <p>Identity and delete authority. A heartbeat carrying another cluster id than meta's store is
 * refused with WRONG_CLUSTER. Every reply carries meta's cluster id and whether meta grants delete
 * authority now ({@link org.ringfs.meta.registry.SafeMode}): not before every ring server alive at
 * meta's start has reported its highest generation and inode, and not at all while one reported a
 * generation or inode at or above meta's counters (the sticky older-store alarm).
 *
 * <p>Ring changes. A heartbeat reply also asks for a pass (c) while a retirement is under way (see
 * {@link org.ringfs.meta.registry.ClusterRegistry}) and (d) once after {@link
 * org.ringfs.meta.registry.RingMoves} recorded blocks moved to the current ring, so the copies left
 * on servers that are no longer their targets are deleted.
 */
package org.ringfs.meta.registry;
