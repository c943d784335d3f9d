package org.nimbusmedia.server.media.mp4;

import java.util.Arrays;

/**
 * One playable track with its samples expanded from the sample table: file offset, size, decoding
 * time and composition offset (in the track's timescale) and which samples are sync samples.
 *
 * @param video true for the AVC track, false for audio
 * @param timescale ticks per second of the track's times
 * @param tagHeader the FLV tag body prefix of a media sample: {@code 0x17/0x27 0x01 cts} is written
 *     per sample for video, so this is the audio byte (e.g. {@code 0xAF 0x01} for AAC)
 * @param sequenceHeader the FLV tag body of the sequence header, or null (MP3 has none)
 * @param syncSamples sorted indices of sync samples, or null when every sample is one
 */
record Mp4Track(
    boolean video,
    long timescale,
    byte[] tagHeader,
    byte[] sequenceHeader,
    long[] offsets,
    int[] sizes,
    long[] decodingTimes,
    int[] compositionOffsets,
    int[] syncSamples,
    int sampleCount,
    int width,
    int height,
    int sampleRate,
    int channels) {

  long millis(long ticks) {
    return ticks * 1000 / timescale;
  }

  long decodingMillis(int sample) {
    return millis(decodingTimes[sample]);
  }

  /** Composition time minus decoding time in milliseconds (FLV CompositionTime, E.4.3.1). */
  int compositionMillis(int sample) {
    if (compositionOffsets == null) {
      return 0;
    }
    long dts = decodingTimes[sample];
    return (int) (millis(dts + compositionOffsets[sample]) - millis(dts));
  }

  boolean isSync(int sample) {
    return syncSamples == null || Arrays.binarySearch(syncSamples, sample) >= 0;
  }

  /** The last sample whose decoding time is at or before {@code millis}, or 0. */
  int sampleAtOrBefore(long millis) {
    long ticks = millis * timescale / 1000;
    int low = 0;
    int high = sampleCount - 1;
    int found = 0;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (decodingTimes[middle] <= ticks) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /** The first sample whose decoding time is at or after {@code millis}; sampleCount if none. */
  int sampleAtOrAfter(long millis) {
    long ticks = (millis * timescale + 999) / 1000;
    int low = 0;
    int high = sampleCount;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (decodingTimes[middle] < ticks) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** The sync sample at or before {@code sample}. */
  int syncAtOrBefore(int sample) {
    if (syncSamples == null || syncSamples.length == 0) {
      return sample;
    }
    int found = Arrays.binarySearch(syncSamples, sample);
    if (found >= 0) {
      return syncSamples[found];
    }
    int insertion = -found - 1;
    return insertion == 0 ? syncSamples[0] : syncSamples[insertion - 1];
  }

  long durationMillis() {
    return sampleCount == 0 ? 0 : decodingMillis(sampleCount - 1);
  }
}
