package org.nimbusmedia.bench.hotpath;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.AbstractReferenceCounted;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.rtmp.chunk.ChunkBodyCache;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.chunk.RtmpChunkEncoder;
import org.nimbusmedia.rtmp.chunk.SharedMessage;
import org.nimbusmedia.rtmp.chunk.SharedPayload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Chunk encoding of one live media message for many subscribers, as the server fans a frame out:
 * each subscriber's channel has its own {@link RtmpChunkEncoder} (chunk size 4096, the default
 * {@code rtmp.outChunkSize}) and gets a retained duplicate of the one payload. One operation is one
 * message written to every subscriber and the encoded chunks read back and released. Payload sizes
 * are the load generator's synthetic 2 Mbit/s stream: AAC frame 371 B, inter frame 7,428 B,
 * keyframe 29,712 B.
 *
 * <p>{@link #fanOut} writes a {@link RawMessage} (the encoder copies the payload into new chunks
 * per subscriber); {@link #fanOutShared} writes a {@link SharedMessage} for a new frame each
 * operation, as the server does now: the frame's chunk body is made once and every subscriber's
 * encoder adds only its own header.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChunkFanOutBenchmark {
  @Param({"100", "1000"})
  int subscribers;

  @Param({"371", "7428", "29712"})
  int payloadSize;

  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private RawMessage message;
  private long timestamp;

  @Setup
  public void setUp() {
    for (int i = 0; i < subscribers; i++) {
      EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
      channel.writeOutbound(setChunkSize(RtmpChunkEncoder.RECOMMENDED_CHUNK_SIZE));
      releaseOutbound(channel);
      channels.add(channel);
    }
    ByteBuf payload = Unpooled.directBuffer(payloadSize).writeZero(payloadSize);
    message = new RawMessage(6, 9, 1, 0, payload);
  }

  /** Set Chunk Size (protocol control message 1, RTMP spec 5.4.1), so the encoder uses it. */
  private static RawMessage setChunkSize(int size) {
    return new RawMessage(2, 1, 0, 0, Unpooled.buffer(4).writeInt(size));
  }

  @Benchmark
  public long fanOut() {
    long bytes = 0;
    for (EmbeddedChannel channel : channels) {
      channel.writeOutbound(message.retainedDuplicate());
      bytes += releaseOutbound(channel);
    }
    return bytes;
  }

  @Benchmark
  public long fanOutShared() {
    Frame frame = new Frame(message.content().retainedDuplicate());
    timestamp += 33;
    long bytes = 0;
    for (EmbeddedChannel channel : channels) {
      channel.writeOutbound(new SharedMessage(6, 9, 1, timestamp, frame.retain()));
      bytes += releaseOutbound(channel);
    }
    frame.release();
    return bytes;
  }

  /** A live frame as the server's stream bus holds it: one payload, one shared chunk body. */
  private static final class Frame extends AbstractReferenceCounted implements SharedPayload {
    private final ByteBuf content;
    private final ChunkBodyCache bodies = new ChunkBodyCache();

    Frame(ByteBuf content) {
      this.content = content;
    }

    @Override
    public ByteBuf content() {
      return content;
    }

    @Override
    public ByteBuf retainedChunkBody(int chunkSize, int chunkStreamId) {
      return bodies.retainedBody(content, chunkSize, chunkStreamId);
    }

    @Override
    public Frame retain() {
      super.retain();
      return this;
    }

    @Override
    public Frame touch(Object hint) {
      return this;
    }

    @Override
    protected void deallocate() {
      content.release();
      bodies.release();
    }
  }

  private static long releaseOutbound(EmbeddedChannel channel) {
    long bytes = 0;
    for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
      ByteBuf buf = (ByteBuf) out;
      bytes += buf.readableBytes();
      buf.release();
    }
    return bytes;
  }

  @TearDown
  public void tearDown() {
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    channels.clear();
    message.release();
  }
}
