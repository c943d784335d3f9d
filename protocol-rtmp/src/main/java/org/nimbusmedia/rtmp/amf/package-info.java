/**
 * The value model shared by the AMF0 and AMF3 codecs, their limits and their exception.
 *
 * <p>Values are plain Java types where those are exact: {@code null}, {@link
 * org.nimbusmedia.rtmp.amf.AmfUndefined}, {@link Boolean}, {@link Double} (number), {@link Integer}
 * (AMF3 integer), {@link String}. Containers implement {@code java.util} interfaces so that a
 * scripting layer can convert them generically: {@link org.nimbusmedia.rtmp.amf.AmfObject} and
 * {@link org.nimbusmedia.rtmp.amf.AmfEcmaArray} are ordered maps, strict arrays are {@link
 * java.util.List}s. The graph of decoded values is always acyclic: decoders reject a reference to a
 * value that is still being decoded.
 *
 * <p>Decoding a command message body and answering it:
 *
 * <pre>{@code
 * List<Object> command = new Amf0Decoder(AmfLimits.DEFAULT).decodeAll(body); // AmfException if bad
 * String name = (String) command.get(0);                 // "connect"
 * AmfObject info = (AmfObject) command.get(2);           // app, tcUrl, objectEncoding...
 * ObjectEncoding encoding = ObjectEncoding.of((Double) info.getOrDefault("objectEncoding", 0.0));
 * List<Object> result = Arrays.asList("_result", command.get(1), null,
 *     AmfObject.of("code", "NetConnection.Connect.Success", "level", "status"));
 * new Amf0Encoder().encodeAll(result, encoding, out);    // AMF3 values behind the 0x11 marker
 * }</pre>
 *
 * <p>Specifications: Adobe, "Action Message Format -- AMF 0" (2006) and "Action Message Format --
 * AMF 3" (January 2013).
 */
package org.nimbusmedia.rtmp.amf;
