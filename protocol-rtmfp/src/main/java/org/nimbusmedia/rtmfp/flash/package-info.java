/**
 * RTMP messages over RTMFP flows, the Flash profile's application layer (RFC 7425 section 5): the
 * {@code TC} flow metadata with its stream id (section 5.1), flow messages as {@code type |
 * timestamp | RTMP payload} (section 5.1.1), the User Control events Flow Sync (34, section 5.2)
 * and Set Keepalive Timers (41, section 5.3.4), AMF commands on flows (section 5.3), and a small
 * RTMFP client for tests and load generation.
 */
package org.nimbusmedia.rtmfp.flash;
