/**
 * The Berkeley DB JE environment of meta: its databases, their explicit big-endian key and value
 * codecs, the format step, and one synced transaction per mutation (retried on lock conflicts).
 */
package org.ringfs.meta.store;
