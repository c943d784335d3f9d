/**
 * The server's Micrometer meters, exposed by {@code GET /metrics} on the admin port in Prometheus's
 * text format: connections, handshakes, connects, messages and bytes by protocol and kind, live
 * streams and players, dropped frames, player queue depth, script callbacks, shared object updates,
 * RTMFP sessions and the JVM's own meters.
 */
package org.nimbusmedia.server.metrics;
