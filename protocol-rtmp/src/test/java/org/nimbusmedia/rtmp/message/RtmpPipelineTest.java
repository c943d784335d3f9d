package org.nimbusmedia.rtmp.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.chunk.RtmpLimits;

/**
 * Our client and server pipelines wired to each other: handshake, then the FMS pre-result sequence
 * (fms4.md section 1.8) and media, in both directions.
 */
class RtmpPipelineTest {

  private static EmbeddedChannel pipeline(boolean server) {
    EmbeddedChannel channel = new EmbeddedChannel();
    if (server) {
      RtmpPipeline.addServerHandlers(
          channel.pipeline(), Duration.ofSeconds(5), RtmpLimits.DEFAULTS);
    } else {
      RtmpPipeline.addClientHandlers(
          channel.pipeline(), Duration.ofSeconds(5), RtmpLimits.DEFAULTS);
    }
    return channel;
  }

  /** Moves bytes between the two channels until neither has anything to send. */
  private static void shuttle(EmbeddedChannel a, EmbeddedChannel b) {
    boolean moved = true;
    while (moved) {
      moved = false;
      ByteBuf buf;
      while ((buf = a.readOutbound()) != null) {
        b.writeInbound(buf);
        moved = true;
      }
      while ((buf = b.readOutbound()) != null) {
        a.writeInbound(buf);
        moved = true;
      }
    }
  }

  @Test
  void clientAndServerExchangeMessagesAfterTheHandshake() {
    EmbeddedChannel server = pipeline(true);
    EmbeddedChannel client = pipeline(false);
    shuttle(client, server);
    assertNull(server.pipeline().get(RtmpPipeline.HANDSHAKE));
    assertNull(client.pipeline().get(RtmpPipeline.HANDSHAKE));

    server.writeOutbound(
        new WindowAcknowledgementSize(2_500_000),
        new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LimitType.DYNAMIC),
        new UserControlEvent.StreamBegin(0),
        new SetChunkSize(4096));
    byte[] frame = new byte[5000];
    frame[0] = 0x17;
    server.writeOutbound(new VideoMessage(1, 40, Unpooled.wrappedBuffer(frame)));
    // A raw command message (as the AMF layer will write) passes through unchanged.
    server.writeOutbound(new RawMessage(3, MessageType.COMMAND_AMF0, 0, 0, Unpooled.buffer(2)));
    shuttle(client, server);

    assertEquals(new WindowAcknowledgementSize(2_500_000), client.readInbound());
    assertEquals(
        new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LimitType.DYNAMIC), client.readInbound());
    assertEquals(new UserControlEvent.StreamBegin(0), client.readInbound());
    assertEquals(new SetChunkSize(4096), client.readInbound());
    VideoMessage video = assertInstanceOf(VideoMessage.class, client.readInbound());
    assertEquals(40, video.timestamp());
    assertArrayEquals(frame, ByteBufUtil.getBytes(video.content()));
    video.release();
    RawMessage command = assertInstanceOf(RawMessage.class, client.readInbound());
    assertEquals(MessageType.COMMAND_AMF0, command.typeId());
    command.release();

    client.writeOutbound(new UserControlEvent.SetBufferLength(1, 3000));
    shuttle(client, server);
    assertEquals(new UserControlEvent.SetBufferLength(1, 3000), server.readInbound());

    assertFalse(server.finish());
    assertFalse(client.finish());
  }
}
