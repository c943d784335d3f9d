/**
 * MP4 and F4V files (ISO/IEC 14496-12, the ISO base media file format; 14496-15 for {@code avcC};
 * 14496-1 and 14496-3 for {@code esds} and the AudioSpecificConfig): the {@code moov} box is read
 * into memory (bounded), each track's sample table ({@code stts}, {@code ctts}, {@code stss},
 * {@code stsc}, {@code stsz}, {@code stco}/{@code co64}) is expanded into per-sample offsets, sizes
 * and times, and samples are turned into FLV tag bodies: AVC video with its composition time
 * offset, AAC or MP3 audio, with the sequence headers built from {@code avcC} and {@code esds}.
 * Edit lists ({@code elst}) are not applied: samples play at their decoding times.
 */
package org.nimbusmedia.server.media.mp4;
