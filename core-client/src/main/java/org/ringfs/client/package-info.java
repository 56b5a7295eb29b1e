/**
 * The file system a front talks to: paths, open files, reads that verify and fall back across
 * copies and repair what they pass, and writes of whole blocks to three servers under a policy.
 */
package org.ringfs.client;
