package org.nimbusmedia.rtmp.amf;

import io.netty.buffer.ByteBuf;
import org.nimbusmedia.rtmp.amf.AmfException.Reason;

/**
 * Bookkeeping shared by the AMF0 decoder and the AMF3 decoder it switches to within one message:
 * where the message started, how deep the current value is nested and how many values it holds so
 * far, all checked against the {@link AmfLimits}. Used by the codecs; not thread-safe.
 */
public final class AmfDecodeContext {

  private final AmfLimits limits;
  private int start;
  private int depth;
  private int elements;

  /** A context enforcing {@code limits}. */
  public AmfDecodeContext(AmfLimits limits) {
    this.limits = limits;
  }

  /** The limits in force. */
  public AmfLimits limits() {
    return limits;
  }

  /**
   * Starts a message at the reader index of {@code in}: offsets in errors count from here, and the
   * element budget starts again.
   *
   * @throws AmfException if the readable bytes exceed {@link AmfLimits#maxTotalSize()}
   */
  public void begin(ByteBuf in) {
    start = in.readerIndex();
    depth = 0;
    elements = 0;
    if (in.readableBytes() > limits.maxTotalSize()) {
      throw fail(
          in,
          Reason.LIMIT_EXCEEDED,
          "message of " + in.readableBytes() + " bytes, limit " + limits.maxTotalSize());
    }
  }

  /** An exception at the reader index of {@code in}. */
  public AmfException fail(ByteBuf in, Reason reason, String detail) {
    return failAt(in.readerIndex(), reason, detail);
  }

  /** An exception at the absolute buffer index {@code index}, e.g. where a value began. */
  public AmfException failAt(int index, Reason reason, String detail) {
    return new AmfException(reason, (long) index - start, detail);
  }

  /** Checks that {@code n} bytes remain before they are read. */
  public void need(ByteBuf in, long n, String what) {
    if (n > in.readableBytes()) {
      throw fail(
          in, Reason.TRUNCATED, what + " needs " + n + " bytes, " + in.readableBytes() + " left");
    }
  }

  /**
   * Checks a length read from the input: within the string limit and the bytes that remain.
   *
   * @return the length, as an int
   */
  public int checkLength(ByteBuf in, long length, String what) {
    if (length > limits.maxStringLength()) {
      throw fail(
          in,
          Reason.LIMIT_EXCEEDED,
          what + " of " + length + " bytes, limit " + limits.maxStringLength());
    }
    need(in, length, what);
    return (int) length;
  }

  /**
   * Checks an element count read from the input before anything is allocated for it: each element
   * takes at least {@code minBytesEach} bytes, and the message's element budget must hold them.
   *
   * @return the count, as an int
   */
  public int checkCount(ByteBuf in, long count, int minBytesEach, String what) {
    if (count > limits.maxElements() - (long) elements) {
      throw fail(
          in,
          Reason.LIMIT_EXCEEDED,
          what + " of " + count + " elements, limit " + limits.maxElements() + " per message");
    }
    need(in, count * minBytesEach, what + " of " + count + " elements");
    return (int) count;
  }

  /** Counts one decoded value against {@link AmfLimits#maxElements()}. */
  public void countElement(ByteBuf in) {
    countElements(in, 1);
  }

  /** Counts {@code n} decoded values, e.g. the numbers of a vector, against the budget. */
  public void countElements(ByteBuf in, int n) {
    elements += n;
    if (elements > limits.maxElements() || elements < 0) {
      throw fail(in, Reason.LIMIT_EXCEEDED, "more than " + limits.maxElements() + " values");
    }
  }

  /** Enters a container; {@link #exit()} must follow. */
  public void enter(ByteBuf in) {
    if (++depth > limits.maxDepth()) {
      throw fail(in, Reason.LIMIT_EXCEEDED, "nesting deeper than " + limits.maxDepth());
    }
  }

  /** Leaves a container. */
  public void exit() {
    depth--;
  }
}
