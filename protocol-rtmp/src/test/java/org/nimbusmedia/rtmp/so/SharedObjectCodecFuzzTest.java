package org.nimbusmedia.rtmp.so;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.nimbusmedia.rtmp.amf.AmfException;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.DecodedBounds;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Change;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Property;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestChange;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.SendMessage;
import org.nimbusmedia.rtmp.testing.TrackedAllocator;

/**
 * Fuzz test of shared object message decoding (fms4.md section 2) through {@link SharedObjectCodec}
 * in an {@link EmbeddedChannel}. The first input byte picks the message type (0x13 AMF0 when even,
 * 0x10 AMF3 when odd), the rest is the body. For any input the codec emits a message within its
 * event and AMF limits or throws {@link AmfException}; the raw message is released either way
 * (FUZZING.md).
 */
class SharedObjectCodecFuzzTest {

  /** Depth 8, 256 values, 1 KiB strings, 64 KiB messages; at most 32 events. */
  static final AmfLimits LIMITS = new AmfLimits(8, 256, 1024, 64 * 1024);

  static final int MAX_EVENTS = 32;

  @FuzzTest
  @Timeout(10)
  void message(byte[] input) {
    if (input.length == 0) {
      return;
    }
    TrackedAllocator allocator = new TrackedAllocator();
    EmbeddedChannel channel = new EmbeddedChannel(new SharedObjectCodec(LIMITS, MAX_EVENTS));
    int type =
        (input[0] & 1) == 0 ? MessageType.SHARED_OBJECT_AMF0 : MessageType.SHARED_OBJECT_AMF3;
    RawMessage raw =
        new RawMessage(
            SharedObjectCodec.CHUNK_STREAM_ID,
            type,
            0,
            0,
            allocator.copy(input, 1, input.length - 1));
    try {
      channel.writeInbound(raw);
      SharedObjectMessage message = channel.readInbound();
      checkBounds(message);
    } catch (AmfException expected) {
      // Malformed or over the limits: in the server the connection closes here.
    } finally {
      channel.finishAndReleaseAll();
    }
    assertEquals(0, allocator.liveBytes(), "raw message never released");
  }

  private static void checkBounds(SharedObjectMessage message) {
    assertTrue(message.events().size() <= MAX_EVENTS, message.events().size() + " events");
    assertTrue(message.name().length() <= LIMITS.maxStringLength(), "name within the limit");
    for (SharedObjectEvent event : message.events()) {
      // The AMF budget applies per event: each event's data is decoded as one message.
      if (event instanceof Change change) {
        checkProperties(change.properties());
      } else if (event instanceof RequestChange change) {
        checkProperties(change.properties());
      } else if (event instanceof SendMessage send) {
        DecodedBounds.check(send.arguments(), LIMITS);
      }
    }
  }

  private static void checkProperties(List<Property> properties) {
    assertTrue(properties.size() <= LIMITS.maxElements(), properties.size() + " properties");
    DecodedBounds.check(properties.stream().map(Property::value).toList(), LIMITS);
  }
}
