/**
 * The XML-RPC edge of meta: a dispatcher that serves each row of the api's call table
 * ({@link org.ringfs.api.MetaCalls}) by decoding with the row's codecs, invoking the service and
 * encoding the reply, named mutations answered once, and a servlet server that writes plain faults
 * (code and message, never a serialized cause) and refuses DOCTYPEs.
 */
package org.ringfs.meta.rpc;
