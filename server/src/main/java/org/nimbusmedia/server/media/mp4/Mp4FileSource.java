package org.nimbusmedia.server.media.mp4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;
import org.nimbusmedia.server.media.FileReads;
import org.nimbusmedia.server.media.MediaSource;
import org.nimbusmedia.server.stream.FrameKind;
import org.nimbusmedia.server.stream.StreamFrame;

/**
 * Plays an MP4/F4V file: the samples of its video and audio tracks merged by decoding time, each
 * turned into the FLV tag body RTMP carries (FLV specification E.4.2, E.4.3), after an {@code
 * onMetaData} and the sequence headers.
 */
public final class Mp4FileSource implements MediaSource {
  private final FileChannel file;
  private final Mp4Movie movie;
  private final ByteBufAllocator allocator;
  private final Mp4Track video;
  private final Mp4Track audio;
  private final ArrayDeque<StreamFrame> preamble = new ArrayDeque<>();
  private int nextVideo;
  private int nextAudio;

  /** Takes ownership of {@code file}. */
  public Mp4FileSource(FileChannel file, Mp4Movie movie, ByteBufAllocator allocator) {
    this.file = file;
    this.movie = movie;
    this.allocator = allocator;
    this.video = movie.video().orElse(null);
    this.audio = movie.audio().orElse(null);
    fillPreamble(0);
  }

  @Override
  public long durationMillis() {
    return movie.durationMillis();
  }

  @Override
  public long seek(long millis) {
    long at = Math.max(0, millis);
    if (video != null && video.sampleCount() > 0) {
      nextVideo = video.syncAtOrBefore(video.sampleAtOrBefore(at));
      at = video.decodingMillis(nextVideo);
      nextAudio = audio == null ? 0 : audio.sampleAtOrAfter(at);
    } else if (audio != null) {
      nextAudio = audio.sampleAtOrBefore(at);
      at = audio.sampleCount() == 0 ? 0 : audio.decodingMillis(nextAudio);
    }
    releasePreamble();
    fillPreamble(at);
    return at;
  }

  @Override
  public StreamFrame next() throws IOException {
    StreamFrame header = preamble.poll();
    if (header != null) {
      return header;
    }
    boolean videoLeft = video != null && nextVideo < video.sampleCount();
    boolean audioLeft = audio != null && nextAudio < audio.sampleCount();
    if (!videoLeft && !audioLeft) {
      return null;
    }
    boolean takeVideo =
        videoLeft
            && (!audioLeft || video.decodingMillis(nextVideo) <= audio.decodingMillis(nextAudio));
    return takeVideo ? videoFrame(nextVideo++) : audioFrame(nextAudio++);
  }

  private StreamFrame videoFrame(int sample) throws IOException {
    int size = video.sizes()[sample];
    ByteBuf body = allocator.buffer(5 + size);
    try {
      int composition = video.compositionMillis(sample);
      body.writeByte(video.isSync(sample) ? 0x17 : 0x27);
      body.writeByte(1); // AVC NALU
      body.writeMedium(composition);
      FileReads.readInto(file, body, video.offsets()[sample], size);
      return new StreamFrame(FrameKind.VIDEO, video.decodingMillis(sample), body);
    } catch (IOException | RuntimeException e) {
      body.release();
      throw e;
    }
  }

  private StreamFrame audioFrame(int sample) throws IOException {
    int size = audio.sizes()[sample];
    byte[] prefix = audio.tagHeader();
    ByteBuf body = allocator.buffer(prefix.length + size);
    try {
      body.writeBytes(prefix);
      FileReads.readInto(file, body, audio.offsets()[sample], size);
      return new StreamFrame(FrameKind.AUDIO, audio.decodingMillis(sample), body);
    } catch (IOException | RuntimeException e) {
      body.release();
      throw e;
    }
  }

  private void fillPreamble(long timestamp) {
    // Metadata at 0: ffmpeg takes a script tag stamped later for a subtitle stream.
    preamble.add(new StreamFrame(FrameKind.DATA, 0, metadata()));
    if (video != null) {
      preamble.add(sequenceHeader(FrameKind.VIDEO, timestamp, video.sequenceHeader()));
    }
    if (audio != null && audio.sequenceHeader() != null) {
      preamble.add(sequenceHeader(FrameKind.AUDIO, timestamp, audio.sequenceHeader()));
    }
  }

  private StreamFrame sequenceHeader(FrameKind kind, long timestamp, byte[] body) {
    ByteBuf buffer = allocator.buffer(body.length);
    buffer.writeBytes(body);
    return new StreamFrame(kind, timestamp, buffer);
  }

  /** {@code onMetaData} as FMS sends it for MP4 files: length, picture size and codecs. */
  private ByteBuf metadata() {
    AmfEcmaArray metadata = new AmfEcmaArray();
    metadata.put("duration", durationMillis() / 1000.0);
    if (video != null) {
      metadata.put("width", (double) video.width());
      metadata.put("height", (double) video.height());
      metadata.put("videocodecid", 7.0);
    }
    if (audio != null) {
      metadata.put("audiocodecid", audio.sequenceHeader() != null ? 10.0 : 2.0);
      metadata.put("audiosamplerate", (double) audio.sampleRate());
      metadata.put("audiochannels", (double) audio.channels());
    }
    ByteBuf body = allocator.buffer(256);
    try {
      new Amf0Encoder().encodeAll(List.of("onMetaData", metadata), body);
      return body;
    } catch (RuntimeException e) {
      body.release();
      throw e;
    }
  }

  private void releasePreamble() {
    StreamFrame frame;
    while ((frame = preamble.poll()) != null) {
      frame.release();
    }
  }

  @Override
  public Optional<String> damage() {
    return movie.damage();
  }

  @Override
  public void close() {
    releasePreamble();
    try {
      file.close();
    } catch (IOException e) {
      // Read-only: nothing is lost.
    }
  }
}
