/**
 * The operator's commands: the cluster's status, fsck and repair, and fault injection for tests.
 */
package org.ringfs.cli.admin;
