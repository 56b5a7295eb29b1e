/**
 * The XML-RPC edge of meta: a dispatcher that routes MetaMethods names to one small handler per
 * operation, each decoding with the api's Wire codecs and encoding with toWire, and a servlet server
 * that writes plain faults (code and message, never a serialized cause) and refuses DOCTYPEs.
 */
package org.ringfs.meta.rpc;
