package org.nimbusmedia.server.rtmp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.command.DataMessage;
import org.nimbusmedia.rtmp.message.UserControlEvent;
import org.nimbusmedia.server.stream.StreamFrame;
import org.nimbusmedia.server.vod.PlayItem;
import org.nimbusmedia.server.vod.VodSink;

/**
 * A recorded stream played on an RTMP NetStream: frames as audio, video and data messages on the
 * NetStream's message stream id, and FMS's status sequence for recorded streams (FMS 4 status
 * codes, {@code reference/fms4.md} 1.10): {@code Play.Reset}/{@code Play.Start} with StreamBegin
 * and StreamIsRecorded, {@code Play.Switch} between playlist items, {@code Seek.Notify}, and at the
 * end {@code onPlayStatus NetStream.Play.Complete}, {@code Play.Stop} and StreamEOF.
 */
final class RtmpVodSink implements VodSink {
  private final RtmpSession session;
  private final int streamId;
  private final boolean reset;
  private long clientBufferMillis;
  private long bytesSent;

  RtmpVodSink(RtmpSession session, int streamId, boolean reset, long clientBufferMillis) {
    this.session = session;
    this.streamId = streamId;
    this.reset = reset;
    this.clientBufferMillis = clientBufferMillis;
  }

  void clientBuffer(long millis) {
    clientBufferMillis = millis;
  }

  @Override
  public EventExecutor executor() {
    return session.channel().eventLoop();
  }

  @Override
  public ByteBufAllocator allocator() {
    return session.channel().alloc();
  }

  @Override
  public boolean isWritable() {
    return session.channel().isWritable();
  }

  @Override
  public long clientBufferMillis() {
    return clientBufferMillis;
  }

  @Override
  public void send(StreamFrame frame, long timestamp) {
    try {
      bytesSent += frame.content().readableBytes();
      session.channel().write(FrameMessages.of(frame, streamId, timestamp));
    } finally {
      frame.release();
    }
  }

  @Override
  public void flush() {
    session.channel().flush();
  }

  @Override
  public void itemStarted(PlayItem item, boolean first) {
    if (!first) {
      playStatus("NetStream.Play.Switch", item, 0);
      status("NetStream.Play.Start", "Started playing " + item.name() + ".", item);
      return;
    }
    session.channel().write(new UserControlEvent.StreamIsRecorded(streamId));
    session.channel().write(new UserControlEvent.StreamBegin(streamId));
    if (reset) {
      status("NetStream.Play.Reset", "Playing and resetting " + item.name() + ".", item);
    }
    status("NetStream.Play.Start", "Started playing " + item.name() + ".", item);
    data(List.of("|RtmpSampleAccess", false, false));
    data(List.of("onStatus", AmfObject.of("code", "NetStream.Data.Start")));
  }

  @Override
  public void seeked(PlayItem item, long timestamp) {
    // FMS 4 SendDuplicateStart: Seek.Notify, then Play.Start again, then media from the keyframe.
    session.channel().write(new UserControlEvent.StreamEof(streamId));
    session.channel().write(new UserControlEvent.StreamIsRecorded(streamId));
    session.channel().write(new UserControlEvent.StreamBegin(streamId));
    status(
        "NetStream.Seek.Notify", "Seeking " + timestamp + " (stream ID: " + streamId + ").", item);
    status("NetStream.Play.Start", "Started playing " + item.name() + ".", item);
  }

  @Override
  public void completed(PlayItem last, long duration) {
    playStatus("NetStream.Play.Complete", last, duration);
    status("NetStream.Play.Stop", "Stopped playing " + last.name() + ".", last);
    session.channel().writeAndFlush(new UserControlEvent.StreamEof(streamId));
  }

  @Override
  public void failed(PlayItem item, String reason) {
    session.onStatus(
        streamId,
        Status.stream(
            "error",
            "NetStream.Play.Failed",
            "Playing " + item.name() + " failed: " + reason,
            item.name(),
            session.id()));
    status("NetStream.Play.Stop", "Stopped playing " + item.name() + ".", item);
    session.channel().writeAndFlush(new UserControlEvent.StreamEof(streamId));
  }

  private void status(String code, String description, PlayItem item) {
    session.onStatus(
        streamId, Status.stream("status", code, description, item.name(), session.id()));
  }

  /** {@code onPlayStatus}: a data message, as FMS sends Play.Complete and Play.Switch. */
  private void playStatus(String code, PlayItem item, long duration) {
    data(
        List.of(
            "onPlayStatus",
            AmfObject.of(
                "level",
                "status",
                "code",
                code,
                "duration",
                duration / 1000.0,
                "bytes",
                (double) bytesSent,
                "details",
                item.name())));
  }

  private void data(List<Object> values) {
    session.channel().writeAndFlush(new DataMessage(streamId, 0, values, ObjectEncoding.AMF0));
  }
}
