package org.nimbusmedia.rtmfp;

import java.util.HexFormat;

/** Hex helpers for annotated byte fixtures: spaces, newlines and {@code |} are ignored. */
public final class Hex {
  private Hex() {}

  /** Parses hex, ignoring whitespace and '|' separators. */
  public static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
  }

  /** Formats bytes as lowercase hex. */
  public static String of(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
