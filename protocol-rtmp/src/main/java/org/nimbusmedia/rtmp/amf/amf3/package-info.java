/**
 * AMF3 decoder and encoder: the variable-length U29 integers, the three reference tables (strings,
 * objects, traits), sealed and dynamic members, externalizable Flex classes, byte arrays, vectors
 * and dictionaries.
 *
 * <p>Specification: Adobe, "Action Message Format -- AMF 3" (January 2013), sections 1.3 and 3.
 */
package org.nimbusmedia.rtmp.amf.amf3;
