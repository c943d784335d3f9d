package org.nimbusmedia.server.media.mp4;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import org.nimbusmedia.server.media.MediaFormatException;

/**
 * A track's sample table expanded per sample (ISO/IEC 14496-12 section 8.6 and 8.7): sizes from
 * {@code stsz}, offsets from {@code stco}/{@code co64} and {@code stsc}, decoding times from {@code
 * stts}, composition offsets from {@code ctts}, sync samples from {@code stss}. Samples whose data
 * would lie past the end of the file are cut off, and {@link #damage} says so.
 */
record SampleTable(
    long[] offsets,
    int[] sizes,
    long[] decodingTimes,
    int[] compositionOffsets,
    int[] syncSamples,
    int sampleCount,
    String damage) {

  static SampleTable read(Box stbl, long fileSize) throws MediaFormatException {
    Box stsz = stbl.require("stsz");
    int[] sizes = sizes(stsz, fileSize);
    int count = sizes.length;
    long[] decodingTimes = new long[count];
    count = Math.min(count, decodingTimes(stbl.require("stts"), decodingTimes));
    long[] chunkOffsets = chunkOffsets(stbl);
    long[] offsets = new long[count];
    count =
        Math.min(count, sampleOffsets(stbl.require("stsc"), chunkOffsets, sizes, offsets, count));
    int[] composition = null;
    Optional<Box> ctts = stbl.child("ctts");
    if (ctts.isPresent()) {
      composition = new int[count];
      compositionOffsets(ctts.get(), composition);
    }
    int[] sync = null;
    Optional<Box> stss = stbl.child("stss");
    if (stss.isPresent()) {
      sync = syncSamples(stss.get());
    }
    String damage = null;
    long declared = stsz.reader().getUnsignedInt(8);
    if (sizes.length < declared) {
      damage = "stsz declares " + declared + " samples; the file holds " + sizes.length;
    }
    for (int i = 0; i < count; i++) {
      if (offsets[i] < 0 || offsets[i] + sizes[i] > fileSize) {
        damage = "sample " + i + " lies past the end of the file (" + fileSize + " bytes)";
        count = i;
        break;
      }
    }
    return new SampleTable(offsets, sizes, decodingTimes, composition, sync, count, damage);
  }

  /**
   * The sample sizes. A table costs four bytes of {@code stsz} per sample; a uniform size costs
   * nothing, so there the count is cut to the samples the file can hold (a few bytes of header must
   * not make us allocate megabytes); the samples past it are damage, like a cut-off file.
   */
  private static int[] sizes(Box stsz, long fileSize) throws MediaFormatException {
    ByteBuf in = stsz.reader();
    Box.need(in, 12, "stsz");
    in.skipBytes(4);
    long uniform = in.readUnsignedInt();
    long count = in.readUnsignedInt();
    checkCount(count, "stsz");
    if (uniform > TrackReader.MAX_SAMPLE_SIZE) {
      throw new MediaFormatException("stsz sample size " + uniform + " is over the limit");
    }
    if (uniform != 0) {
      int[] sizes = new int[(int) Math.min(count, fileSize / uniform)];
      java.util.Arrays.fill(sizes, (int) uniform);
      return sizes;
    }
    // The table must be there before its array is made: the count alone allocates nothing.
    Box.need(in, (int) count * 4, "stsz");
    int[] sizes = new int[(int) count];
    for (int i = 0; i < count; i++) {
      long size = in.readUnsignedInt();
      if (size > TrackReader.MAX_SAMPLE_SIZE) {
        throw new MediaFormatException("sample " + i + " of " + size + " bytes is over the limit");
      }
      sizes[i] = (int) size;
    }
    return sizes;
  }

  /** Fills {@code times}; returns how many samples {@code stts} covers. */
  private static int decodingTimes(Box stts, long[] times) throws MediaFormatException {
    ByteBuf in = stts.reader();
    Box.need(in, 8, "stts");
    in.skipBytes(4);
    long entries = in.readUnsignedInt();
    checkEntries(in, entries, 8, "stts");
    int sample = 0;
    long time = 0;
    for (long e = 0; e < entries && sample < times.length; e++) {
      long count = in.readUnsignedInt();
      long delta = in.readUnsignedInt();
      for (long i = 0; i < count && sample < times.length; i++) {
        times[sample++] = time;
        time += delta;
      }
    }
    return sample;
  }

  private static long[] chunkOffsets(Box stbl) throws MediaFormatException {
    Optional<Box> stco = stbl.child("stco");
    boolean wide = stco.isEmpty();
    Box box =
        stco.isPresent()
            ? stco.get()
            : stbl.child("co64")
                .orElseThrow(() -> new MediaFormatException("no stco or co64 box in stbl"));
    ByteBuf in = box.reader();
    Box.need(in, 8, box.type());
    in.skipBytes(4);
    long entries = in.readUnsignedInt();
    checkEntries(in, entries, wide ? 8 : 4, box.type());
    long[] offsets = new long[(int) entries];
    for (int i = 0; i < entries; i++) {
      offsets[i] = wide ? in.readLong() : in.readUnsignedInt();
    }
    return offsets;
  }

  /** Fills {@code offsets} from the chunk layout; returns how many samples the chunks hold. */
  private static int sampleOffsets(
      Box stsc, long[] chunkOffsets, int[] sizes, long[] offsets, int count)
      throws MediaFormatException {
    ByteBuf in = stsc.reader();
    Box.need(in, 8, "stsc");
    in.skipBytes(4);
    long entries = in.readUnsignedInt();
    checkEntries(in, entries, 12, "stsc");
    long[] firstChunks = new long[(int) entries];
    long[] perChunk = new long[(int) entries];
    for (int i = 0; i < entries; i++) {
      firstChunks[i] = in.readUnsignedInt();
      perChunk[i] = in.readUnsignedInt();
      in.skipBytes(4); // sample_description_index
      if (firstChunks[i] < 1 || (i > 0 && firstChunks[i] <= firstChunks[i - 1])) {
        throw new MediaFormatException("stsc first_chunk values do not ascend");
      }
      checkCount(perChunk[i], "stsc samples_per_chunk");
    }
    int sample = 0;
    for (int e = 0; e < entries && sample < count; e++) {
      long lastChunk = e + 1 < entries ? firstChunks[e + 1] - 1 : chunkOffsets.length;
      for (long chunk = firstChunks[e]; chunk <= lastChunk && sample < count; chunk++) {
        if (chunk > chunkOffsets.length) {
          return sample;
        }
        long offset = chunkOffsets[(int) chunk - 1];
        for (long i = 0; i < perChunk[e] && sample < count; i++) {
          offsets[sample] = offset;
          offset += sizes[sample];
          sample++;
        }
      }
    }
    return sample;
  }

  private static void compositionOffsets(Box ctts, int[] offsets) throws MediaFormatException {
    ByteBuf in = ctts.reader();
    Box.need(in, 8, "ctts");
    in.skipBytes(4); // version 0 offsets are unsigned, version 1 signed: both fit an int here
    long entries = in.readUnsignedInt();
    checkEntries(in, entries, 8, "ctts");
    int sample = 0;
    for (long e = 0; e < entries && sample < offsets.length; e++) {
      long count = in.readUnsignedInt();
      int offset = in.readInt();
      for (long i = 0; i < count && sample < offsets.length; i++) {
        offsets[sample++] = offset;
      }
    }
  }

  private static int[] syncSamples(Box stss) throws MediaFormatException {
    ByteBuf in = stss.reader();
    Box.need(in, 8, "stss");
    in.skipBytes(4);
    long entries = in.readUnsignedInt();
    checkEntries(in, entries, 4, "stss");
    int[] sync = new int[(int) entries];
    long last = 0;
    for (int i = 0; i < entries; i++) {
      long number = in.readUnsignedInt();
      if (number <= last || number > TrackReader.MAX_SAMPLES) {
        throw new MediaFormatException("stss sample numbers do not ascend within the limit");
      }
      last = number;
      sync[i] = (int) (number - 1);
    }
    return sync;
  }

  private static void checkCount(long count, String what) throws MediaFormatException {
    if (count > TrackReader.MAX_SAMPLES) {
      throw new MediaFormatException(what + " count " + count + " is over the limit");
    }
  }

  /** A table's entries must fit in its box: the file cannot make us allocate more. */
  private static void checkEntries(ByteBuf in, long entries, int entrySize, String what)
      throws MediaFormatException {
    if (entries > in.readableBytes() / entrySize) {
      throw new MediaFormatException(what + " says " + entries + " entries; its box is shorter");
    }
  }
}
