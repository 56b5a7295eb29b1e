/** The block protocol on Jetty core handlers: one operation per class, one concern per wrapper. */
package org.ringfs.data.http;
