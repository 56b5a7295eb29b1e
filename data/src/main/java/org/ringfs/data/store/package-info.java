/** The block store: every copy this server holds, in Berkeley DB JE, synced before a write returns. */
package org.ringfs.data.store;
