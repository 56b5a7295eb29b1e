/**
 * Clients of the two wires: XML-RPC to meta ({@link org.ringfs.transport.MetaClient}, a proxy that
 * sends each MetaService method by its row of the call table) and binary HTTP to data servers,
 * converting between wire values and api types at the edge.
 */
package org.ringfs.transport;
