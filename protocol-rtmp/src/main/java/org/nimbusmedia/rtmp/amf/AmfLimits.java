package org.nimbusmedia.rtmp.amf;

/**
 * Bounds that a decoder enforces before it allocates anything, because the bytes come from the
 * network. Every count and length read from the input is also checked against what remains in the
 * buffer.
 *
 * @param maxDepth deepest nesting of containers (objects, arrays, vectors, dictionaries)
 * @param maxElements values that one message may hold in total, container members included
 * @param maxStringLength longest string, XML text or byte array, in bytes
 * @param maxTotalSize largest message body, in bytes
 */
public record AmfLimits(int maxDepth, int maxElements, int maxStringLength, int maxTotalSize) {

  /** Depth 64, 65,536 elements, 1 MiB strings, 16 MiB messages. */
  public static final AmfLimits DEFAULT = new AmfLimits(64, 65_536, 1 << 20, 16 << 20);

  public AmfLimits {
    requirePositive("maxDepth", maxDepth);
    requirePositive("maxElements", maxElements);
    requirePositive("maxStringLength", maxStringLength);
    requirePositive("maxTotalSize", maxTotalSize);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
