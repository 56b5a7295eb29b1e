/**
 * The data wire's contract in process: {@link org.ringfs.api.BlockService} over the block store,
 * with the server's delete gate, fault hooks and status. The HTTP router decodes requests into it;
 * clients reach the same contract over HTTP through {@code transport.BlockClient}.
 */
package org.ringfs.data.service;
