/**
 * RTMP load generator: M publishers send a synthetic stream (or an FLV file) and N subscribers play
 * it over RTMP from any server; it reports connections, throughput, missing frames (from a sequence
 * number in each synthetic frame) and publisher-to-subscriber latency (from a send time in each
 * frame). Run by hand, never by CI; see {@code bench/README.md}. Specifications: Adobe RTMP 1.0 and
 * Adobe Flash Video File Format Specification 10.1 (FLV tags, AVC and AAC packets, annex E).
 */
package org.nimbusmedia.bench.load;
