/**
 * Flash Remoting: the AMF packet that carries calls to an AMF gateway in the body of an HTTP POST
 * ({@code Content-Type: application/x-amf}), AMF0 specification section 4.
 */
package org.nimbusmedia.rtmp.remoting;
