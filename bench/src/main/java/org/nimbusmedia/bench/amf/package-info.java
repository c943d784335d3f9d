/**
 * JMH benchmarks of the AMF0 and AMF3 codecs of {@code protocol-rtmp} on typical RTMP messages: the
 * {@code connect} command and the {@code onMetaData} that encoders send. Specifications: "Action
 * Message Format -- AMF 0" and "Action Message Format -- AMF 3".
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -pl protocol-rtmp,bench package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt
 * java -cp bench/target/classes:$(cat bench/target/cp.txt) org.openjdk.jmh.Main AmfCodecBenchmark \
 *     -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
package org.nimbusmedia.bench.amf;
