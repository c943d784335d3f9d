package org.nimbusmedia.rtmp.chunk;

/**
 * A {@link RelativeChunks} run for one connection, to write to its {@link RtmpChunkEncoder}: the
 * connection's timestamps are the run's plus {@code shift}, on message stream {@code streamId}.
 * Write it only after {@link RtmpChunkEncoder#accepts} said yes, on the connection's event loop;
 * the caller keeps the run alive until the write call returns.
 */
public record RelativeChunksMessage(RelativeChunks run, long shift, int streamId) {}
