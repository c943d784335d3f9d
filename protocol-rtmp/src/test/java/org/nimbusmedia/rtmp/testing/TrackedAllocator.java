package org.nimbusmedia.rtmp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * An allocator that knows how many bytes its live buffers hold, so that a test can assert at once
 * that everything was released (zero) and that a decoder stayed within its limits (a bound), where
 * Netty's leak detector only reports after a garbage collection. Give it to an {@code
 * EmbeddedChannel} with {@code channel.config().setAllocator(...)} and allocate the input from it.
 */
public final class TrackedAllocator {

  private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);

  /** The allocator to install in a channel. */
  public UnpooledByteBufAllocator allocator() {
    return allocator;
  }

  /** A new buffer holding a copy of {@code bytes[offset, offset + length)}. */
  public ByteBuf copy(byte[] bytes, int offset, int length) {
    return allocator.heapBuffer(length).writeBytes(bytes, offset, length);
  }

  /** Bytes held by buffers of this allocator that have not been released. */
  public long liveBytes() {
    ByteBufAllocatorMetric metric = allocator.metric();
    return metric.usedHeapMemory() + metric.usedDirectMemory();
  }
}
