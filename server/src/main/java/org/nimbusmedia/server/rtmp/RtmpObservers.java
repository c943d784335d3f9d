package org.nimbusmedia.server.rtmp;

import org.nimbusmedia.server.log.AccessLog;
import org.nimbusmedia.server.metrics.NimbusMetrics;

/**
 * What watches one RTMP connection for operators: the server's metrics, the access log and the
 * connection's own traffic counts.
 */
record RtmpObservers(NimbusMetrics metrics, AccessLog accessLog, RtmpTraffic traffic) {}
