/**
 * Conversion between AMF values (the {@code org.nimbusmedia.rtmp.amf} model) and Rhino values, in
 * the way Flash Media Server maps them for Server-Side ActionScript: numbers become JavaScript
 * numbers, anonymous and typed objects become objects (typed ones take the prototype of the
 * constructor given to {@code application.registerClass}), strict arrays and ECMA arrays become
 * arrays, dates become {@code Date}s and byte arrays a small {@code ByteArray} object.
 *
 * <p>Specifications: Adobe, "Action Message Format -- AMF 0" and "Action Message Format -- AMF 3".
 */
package org.nimbusmedia.scripting.amf;
