package org.ringfs.client;

import org.ringfs.api.MetaService;

/** The parts of one client that every open file shares. */
record ClientServices(ClientSettings settings, MetaService meta, ClusterView view, ClientExecutors executors,
                      BlockReader reader, BlockWriter writer, BlockCommitter committer, FileTruncation truncation,
                      WriterSession session, ReadStats readStats) {
}
