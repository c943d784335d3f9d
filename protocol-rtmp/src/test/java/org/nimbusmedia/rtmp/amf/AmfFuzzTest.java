package org.nimbusmedia.rtmp.amf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.amf.amf3.Amf3Decoder;

/**
 * Fuzz tests of the AMF decoders (FUZZING.md). For any input a decoder returns values within its
 * {@link AmfLimits} or throws {@link AmfException}, its only documented failure; anything else
 * (another exception, a stack overflow, a hang past the timeout) is a finding. The limits are small
 * so that the fuzzer reaches them. Seeds: real connect and onMetaData bodies ({@link AmfFixtures}),
 * written by {@code SeedCorpusWriter}.
 */
class AmfFuzzTest {

  /** Depth 8, 256 values, 1 KiB strings, 64 KiB messages. */
  static final AmfLimits LIMITS = new AmfLimits(8, 256, 1024, 64 * 1024);

  @FuzzTest
  @Timeout(10)
  void amf0(byte[] input) {
    decode(input, in -> new Amf0Decoder(LIMITS).decodeAll(in));
  }

  @FuzzTest
  @Timeout(10)
  void amf3(byte[] input) {
    decode(input, in -> new Amf3Decoder(LIMITS).decodeAll(in));
  }

  private interface Decoding {
    List<Object> decodeAll(ByteBuf in);
  }

  private static void decode(byte[] input, Decoding decoding) {
    ByteBuf in = Unpooled.wrappedBuffer(input);
    try {
      DecodedBounds.check(decoding.decodeAll(in), LIMITS);
    } catch (AmfException expected) {
      // The decoder's documented failure for malformed or oversized input.
    } finally {
      assertEquals(1, in.refCnt(), "the decoder neither retains nor releases its input");
      in.release();
    }
  }
}
