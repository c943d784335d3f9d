package org.nimbusmedia.rtmfp.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One option of an option list (RFC 7016 section 2.1.3): {@code VLU length | VLU type | value}. A
 * zero length is the marker that ends a list.
 *
 * @param type the option type
 * @param value the option value (never null)
 */
public record RtmfpOption(int type, byte[] value) {
  /** Upper bound on options accepted in one list; real lists carry fewer than ten. */
  public static final int MAX_OPTIONS = 64;

  /** Validates the option. */
  public RtmfpOption {
    if (type < 0) {
      throw new IllegalArgumentException("negative option type");
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** Value as a reader. */
  public WireReader reader() {
    return new WireReader(value);
  }

  /** The parsed list and where it ended. */
  public record OptionList(List<RtmfpOption> options, boolean markerSeen) {
    /** Copies the list. */
    public OptionList {
      options = List.copyOf(options);
    }

    /** First option of the type, or null. */
    public RtmfpOption first(int type) {
      for (RtmfpOption o : options) {
        if (o.type() == type) {
          return o;
        }
      }
      return null;
    }

    /** All options of the type, in order. */
    public List<RtmfpOption> all(int type) {
      List<RtmfpOption> out = new ArrayList<>();
      for (RtmfpOption o : options) {
        if (o.type() == type) {
          out.add(o);
        }
      }
      return out;
    }
  }

  /**
   * Parses options until a marker or until the reader is empty.
   *
   * @param reader the source, advanced past the list and its marker
   * @param stopAtMarker whether a marker ends the list (user data options) or is skipped
   *     (certificates may contain a marker followed by more options, RFC 7425 section 4.3.2)
   */
  public static OptionList parseList(WireReader reader, boolean stopAtMarker) {
    List<RtmfpOption> out = new ArrayList<>();
    boolean marker = false;
    while (reader.remaining() > 0) {
      int length = reader.vluBounded(reader.remaining());
      if (length == 0) {
        marker = true;
        if (stopAtMarker) {
          break;
        }
        continue;
      }
      if (out.size() == MAX_OPTIONS) {
        throw new MalformedException("more than " + MAX_OPTIONS + " options");
      }
      WireReader body = reader.slice(length);
      int type = body.vluBounded(Integer.MAX_VALUE);
      out.add(new RtmfpOption(type, body.rest()));
    }
    return new OptionList(out, marker);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RtmfpOption other
        && other.type == type
        && Arrays.equals(other.value, value);
  }

  @Override
  public int hashCode() {
    return type * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "RtmfpOption[type=0x" + Integer.toHexString(type) + ", length=" + value.length + "]";
  }
}
