/**
 * Who may talk to the cluster: the cluster secret ({@link org.ringfs.security.ClusterSecret}), the
 * client's {@link org.ringfs.security.RequestSigner} and the servers'
 * {@link org.ringfs.security.SignatureVerifier} with its {@link org.ringfs.security.ReplayGuard}.
 * The wire format is {@link org.ringfs.api.RequestSignature}.
 */
package org.ringfs.security;
