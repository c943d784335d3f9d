package org.nimbusmedia.server.testing;

import io.netty.buffer.Unpooled;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.client.ClientStream;

/**
 * A synthetic H.264/AAC stream as an encoder publishes it (FLV tag bodies, FLV specification E.4.2
 * and E.4.3): metadata, sequence headers, 25 fps video with a keyframe every second, AAC frames
 * every 23 ms. Timestamps are what matters, so it is sent as fast as the connection takes it.
 */
public final class SyntheticMedia {
  public static final int FPS = 25;
  public static final int VIDEO_INTERVAL = 1000 / FPS;
  public static final int AUDIO_INTERVAL = 23;

  private SyntheticMedia() {}

  /** Sends {@code seconds} of media stamped from {@code firstTimestamp}; returns frames sent. */
  public static int[] send(ClientStream stream, long firstTimestamp, int seconds) {
    stream.sendData(
        firstTimestamp,
        "@setDataFrame",
        "onMetaData",
        AmfObject.of("width", 320.0, "height", 240.0));
    stream.sendVideo(
        firstTimestamp, Unpooled.wrappedBuffer(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f}));
    stream.sendAudio(
        firstTimestamp, Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 0, 0x12, 0x10}));
    int videos = seconds * FPS;
    int audios = 0;
    long nextAudio = 0;
    for (int i = 0; i < videos; i++) {
      long ts = (long) i * VIDEO_INTERVAL;
      while (nextAudio <= ts) {
        stream.sendAudio(
            firstTimestamp + nextAudio,
            Unpooled.wrappedBuffer(new byte[] {(byte) 0xAF, 1, 0x21, (byte) audios}));
        audios++;
        nextAudio += AUDIO_INTERVAL;
      }
      boolean key = i % FPS == 0;
      stream.sendVideo(
          firstTimestamp + ts,
          Unpooled.wrappedBuffer(
              new byte[] {(byte) (key ? 0x17 : 0x27), 1, 0, 0, 0, 0, 0, 0, 2, 0x09, (byte) i}));
    }
    return new int[] {videos, audios};
  }
}
