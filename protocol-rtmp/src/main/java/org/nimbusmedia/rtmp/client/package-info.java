/**
 * An asynchronous RTMP client that behaves on the wire like Flash Player's {@code NetConnection}
 * and {@code NetStream}: digest handshake, the {@code connect} command with Flash Player's command
 * object, {@code call}, {@code createStream}, {@code publish}, {@code play} and the other NetStream
 * commands of RTMP 1.0 section 7.2 (7.2.1 NetConnection commands, 7.2.2 NetStream commands), media
 * and data messages, and the upkeep of sections 5.4 and 6.2 (Acknowledgements, PingResponse). It
 * connects over TCP ({@code rtmp://}), TLS ({@code rtmps://}) or the HTTP tunnel ({@code rtmpt://},
 * see {@link org.nimbusmedia.rtmp.tunnel}).
 *
 * <p>Used by the server's integration tests, the benchmark load generator (many clients share one
 * {@link io.netty.channel.EventLoopGroup}) and edge relays. Every operation returns a {@link
 * java.util.concurrent.CompletableFuture}; nothing here blocks an event loop thread, and the
 * blocking {@code await...} helpers for tests refuse to run on one. Futures complete on the
 * connection's event loop, so their callbacks must not block either.
 *
 * <p>Specification: Adobe RTMP Specification 1.0 (2012), section 7.2; status codes as Flash Media
 * Server 4 sends them.
 */
package org.nimbusmedia.rtmp.client;
