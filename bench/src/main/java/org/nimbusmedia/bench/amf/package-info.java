/**
 * JMH benchmarks of the AMF0 and AMF3 codecs of {@code protocol-rtmp} on typical RTMP messages: the
 * {@code connect} command and the {@code onMetaData} that encoders send. Specifications: "Action
 * Message Format -- AMF 0" and "Action Message Format -- AMF 3".
 */
package org.nimbusmedia.bench.amf;
