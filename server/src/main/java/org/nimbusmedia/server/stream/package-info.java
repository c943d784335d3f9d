/**
 * The live stream bus: in one application instance a stream name has at most one publisher and any
 * number of subscribers of any protocol. The bus sees frames and subscribers only; nothing here
 * knows RTMP, RTMPT or RTMFP. Payloads are shared, never copied per subscriber: each subscriber
 * gets its own reference to the same buffer.
 */
package org.nimbusmedia.server.stream;
