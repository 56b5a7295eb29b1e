/**
 * The wire: the interfaces both sides of each RingFS connection implement or call, their value
 * types with explicit codecs, the error table, and the constants of the block protocol.
 * No Java serialization: every value crosses the wire as XML-RPC structs or plain HTTP.
 */
package org.ringfs.api;
