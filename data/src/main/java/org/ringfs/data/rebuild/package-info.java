/** Reconciliation: compare the local store with meta's blocks and placement, fetch what is missing, drop what is not ours. */
package org.ringfs.data.rebuild;
