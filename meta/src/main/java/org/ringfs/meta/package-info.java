/** The RingFS metadata server: the namespace, the block tables and the cluster map, served over XML-RPC. */
package org.ringfs.meta;
