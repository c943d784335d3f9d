package org.nimbusmedia.bench.amf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;
import org.nimbusmedia.rtmp.amf.amf3.Amf3Decoder;
import org.nimbusmedia.rtmp.amf.amf3.Amf3Encoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Decode and encode throughput, in messages per second, of the {@code connect} command a player
 * sends (AMF0, and the same values in AMF3) and of the {@code onMetaData} ffmpeg sends (AMF0).
 * Buffers and codec instances are reused across operations, as a connection reuses them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AmfCodecBenchmark {

  private final List<Object> connect =
      List.of(
          "connect",
          1.0,
          AmfObject.of(
              "app",
              "live",
              "flashVer",
              "LNX 10,0,32,18",
              "swfUrl",
              "http://example.com/player.swf",
              "tcUrl",
              "rtmp://localhost:1935/live",
              "fpad",
              false,
              "capabilities",
              15.0,
              "audioCodecs",
              3191.0,
              "videoCodecs",
              252.0,
              "videoFunction",
              1.0,
              "pageUrl",
              "http://example.com/"));

  private final List<Object> metaData =
      List.of(
          "@setDataFrame",
          "onMetaData",
          AmfEcmaArray.of(
              "duration", 0.0,
              "width", 1280.0,
              "height", 720.0,
              "videodatarate", 2441.40625,
              "framerate", 30.0,
              "videocodecid", 7.0,
              "audiodatarate", 125.0,
              "audiosamplerate", 44100.0,
              "audiosamplesize", 16.0,
              "stereo", true,
              "audiocodecid", 10.0,
              "encoder", "Lavf58.76.100",
              "filesize", 0.0));

  private final Amf0Decoder amf0Decoder = new Amf0Decoder();
  private final Amf0Encoder amf0Encoder = new Amf0Encoder();
  private final Amf3Decoder amf3Decoder = new Amf3Decoder();
  private final Amf3Encoder amf3Encoder = new Amf3Encoder();

  private ByteBuf connectAmf0;
  private ByteBuf connectAmf3;
  private ByteBuf metaDataAmf0;
  private ByteBuf out;

  @Setup
  public void setUp() {
    connectAmf0 = Unpooled.buffer();
    amf0Encoder.encodeAll(connect, connectAmf0);
    connectAmf3 = Unpooled.buffer();
    amf3Encoder.encodeAll(connect, connectAmf3);
    metaDataAmf0 = Unpooled.buffer();
    amf0Encoder.encodeAll(metaData, metaDataAmf0);
    out = Unpooled.buffer(1024);
  }

  @TearDown
  public void tearDown() {
    connectAmf0.release();
    connectAmf3.release();
    metaDataAmf0.release();
    out.release();
  }

  @Benchmark
  public List<Object> decodeConnectAmf0() {
    connectAmf0.readerIndex(0);
    return amf0Decoder.decodeAll(connectAmf0);
  }

  @Benchmark
  public List<Object> decodeConnectAmf3() {
    connectAmf3.readerIndex(0);
    return amf3Decoder.decodeAll(connectAmf3);
  }

  @Benchmark
  public List<Object> decodeOnMetaDataAmf0() {
    metaDataAmf0.readerIndex(0);
    return amf0Decoder.decodeAll(metaDataAmf0);
  }

  @Benchmark
  public int encodeConnectAmf0() {
    out.clear();
    amf0Encoder.encodeAll(connect, out);
    return out.writerIndex();
  }

  @Benchmark
  public int encodeConnectAmf3() {
    out.clear();
    amf3Encoder.encodeAll(connect, out);
    return out.writerIndex();
  }

  @Benchmark
  public int encodeOnMetaDataAmf0() {
    out.clear();
    amf0Encoder.encodeAll(metaData, out);
    return out.writerIndex();
  }
}
