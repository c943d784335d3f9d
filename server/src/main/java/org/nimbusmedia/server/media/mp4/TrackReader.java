package org.nimbusmedia.server.media.mp4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Optional;
import org.nimbusmedia.server.media.MediaFormatException;

/**
 * Reads one {@code trak} box into an {@link Mp4Track}: the handler says video or audio, {@code
 * mdhd} the timescale, {@code stsd} the codec and its configuration, and the sample table boxes the
 * samples (ISO/IEC 14496-12 section 8.6 and 8.7). Every count is checked against the bytes of its
 * box and against {@link #MAX_SAMPLES}.
 */
final class TrackReader {
  /** Samples per track at most: a day of 30 fps video, 2.6 million frames, fits. */
  static final int MAX_SAMPLES = 4_000_000;

  /** The largest sample: an FLV tag body holds 16 MiB less its header. */
  static final int MAX_SAMPLE_SIZE = 16 * 1024 * 1024 - 16;

  private static final int SOUND_FORMAT_AAC = 10;
  private static final int SOUND_FORMAT_MP3 = 2;

  record Result(Mp4Track track, String damage) {}

  private TrackReader() {}

  /** The track, or null when it is neither video nor sound, or uses another codec. */
  static Result read(Box trak, long fileSize) throws MediaFormatException {
    Box mdia = trak.require("mdia");
    String handler = handlerType(mdia.require("hdlr"));
    boolean video = handler.equals("vide");
    if (!video && !handler.equals("soun")) {
      return null;
    }
    long timescale = timescale(mdia.require("mdhd"));
    Box stbl = mdia.require("minf").require("stbl");
    Codec codec = video ? videoCodec(stbl.require("stsd")) : audioCodec(stbl.require("stsd"));
    if (codec == null) {
      return null;
    }
    SampleTable table = SampleTable.read(stbl, fileSize);
    Mp4Track track =
        new Mp4Track(
            video,
            timescale,
            codec.tagHeader,
            codec.sequenceHeader,
            table.offsets(),
            table.sizes(),
            table.decodingTimes(),
            table.compositionOffsets(),
            table.syncSamples(),
            table.sampleCount(),
            codec.width,
            codec.height,
            codec.sampleRate,
            codec.channels);
    return new Result(track, table.damage());
  }

  private static String handlerType(Box hdlr) throws MediaFormatException {
    ByteBuf in = hdlr.reader();
    Box.need(in, 12, "hdlr");
    in.skipBytes(8); // version/flags, pre_defined
    return Box.fourCc(in.readInt());
  }

  private static long timescale(Box mdhd) throws MediaFormatException {
    ByteBuf in = mdhd.reader();
    Box.need(in, 4, "mdhd");
    int version = in.readUnsignedByte();
    in.skipBytes(3);
    int skip = version == 1 ? 16 : 8; // creation and modification times
    Box.need(in, skip + 4, "mdhd");
    in.skipBytes(skip);
    long timescale = in.readUnsignedInt();
    if (timescale == 0) {
      throw new MediaFormatException("mdhd timescale 0");
    }
    return timescale;
  }

  private record Codec(
      byte[] tagHeader,
      byte[] sequenceHeader,
      int width,
      int height,
      int sampleRate,
      int channels) {}

  /** {@code avc1}/{@code avc3} with an {@code avcC} (ISO/IEC 14496-15 section 5.3.4). */
  private static Codec videoCodec(Box stsd) throws MediaFormatException {
    Box entry = firstEntry(stsd);
    if (!entry.type().equals("avc1") && !entry.type().equals("avc3")) {
      throw new MediaFormatException("video codec " + entry.type() + " is not AVC");
    }
    ByteBuf in = entry.reader();
    // VisualSampleEntry: 6 reserved, data_reference_index, 16 pre_defined/reserved, then size.
    Box.need(in, 78, entry.type());
    int width = in.getUnsignedShort(24);
    int height = in.getUnsignedShort(26);
    Box avcC =
        entry.child("avcC", 78).orElseThrow(() -> new MediaFormatException("avc1 without avcC"));
    byte[] record = ByteBufUtil.getBytes(avcC.payload());
    // FLV E.4.3.1: keyframe + AVC, AVCPacketType 0, CompositionTime 0, then the record.
    byte[] sequenceHeader = new byte[5 + record.length];
    sequenceHeader[0] = 0x17;
    System.arraycopy(record, 0, sequenceHeader, 5, record.length);
    return new Codec(new byte[0], sequenceHeader, width, height, 0, 0);
  }

  /** {@code mp4a} with an {@code esds} holding AAC or MP3 (ISO/IEC 14496-1 section 7.2.6). */
  private static Codec audioCodec(Box stsd) throws MediaFormatException {
    Box entry = firstEntry(stsd);
    if (!entry.type().equals("mp4a")) {
      throw new MediaFormatException("audio codec " + entry.type() + " is not AAC or MP3");
    }
    ByteBuf in = entry.reader();
    Box.need(in, 28, "mp4a");
    int version = in.getUnsignedShort(8);
    int channels = in.getUnsignedShort(16);
    int sampleRate = (int) (in.getUnsignedInt(24) >>> 16);
    // QuickTime sound description versions 1 and 2 add 16 and 36 bytes.
    int fields =
        switch (version) {
          case 1 -> 28 + 16;
          case 2 -> 28 + 36;
          default -> 28;
        };
    Optional<Box> esds = entry.child("esds", fields);
    if (esds.isEmpty()) {
      Optional<Box> wave = entry.child("wave", fields);
      if (wave.isPresent()) {
        esds = wave.get().child("esds");
      }
    }
    if (esds.isEmpty()) {
      throw new MediaFormatException("mp4a without esds");
    }
    Esds.Config config = Esds.read(esds.get().reader());
    int rateIndex = sampleRate >= 44_000 || sampleRate == 0 ? 3 : sampleRate >= 22_000 ? 2 : 1;
    int stereo = channels > 1 ? 1 : 0;
    if (config.isMp3()) {
      byte first = (byte) ((SOUND_FORMAT_MP3 << 4) | (rateIndex << 2) | 0x02 | stereo);
      return new Codec(new byte[] {first}, null, 0, 0, sampleRate, channels);
    }
    if (!config.isAac() || config.specificInfo().length == 0) {
      throw new MediaFormatException("mp4a object type " + config.objectType() + " unsupported");
    }
    // FLV E.4.2.1: AAC is always flagged 44 kHz, 16 bit, stereo; the config says the truth.
    byte first = (byte) ((SOUND_FORMAT_AAC << 4) | 0x0F);
    byte[] asc = config.specificInfo();
    byte[] sequenceHeader = new byte[2 + asc.length];
    sequenceHeader[0] = first;
    System.arraycopy(asc, 0, sequenceHeader, 2, asc.length);
    return new Codec(new byte[] {first, 1}, sequenceHeader, 0, 0, sampleRate, channels);
  }

  private static Box firstEntry(Box stsd) throws MediaFormatException {
    ByteBuf in = stsd.reader();
    Box.need(in, 8, "stsd");
    in.skipBytes(8); // version/flags, entry_count
    return Box.children(in).stream()
        .findFirst()
        .orElseThrow(() -> new MediaFormatException("stsd without a sample entry"));
  }
}
