/** Fault hooks for tests (slow or failing puts), no-ops in production. */
package org.ringfs.data.fault;
