/**
 * JMH benchmarks of the per-frame hot paths: RTMP chunk encoding of one message fanned out to many
 * subscribers, and RTMFP packet sealing and opening. (AMF decoding of {@code connect} is in {@code
 * org.nimbusmedia.bench.amf}.)
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt
 * java -cp bench/target/classes:$(cat bench/target/cp.txt) org.openjdk.jmh.Main \
 *     'ChunkFanOutBenchmark|RtmfpPacketBenchmark' -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
package org.nimbusmedia.bench.hotpath;
