/** The block protocol on Jetty core handlers: the router decodes each request into a BlockService call; coded errors. */
package org.ringfs.data.http;
