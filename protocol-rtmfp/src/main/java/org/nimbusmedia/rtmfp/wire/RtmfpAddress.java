package org.nimbusmedia.rtmfp.wire;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * An endpoint address as carried in Redirect and forwarded IHello chunks (RFC 7016 section 2.1.5):
 * a flags byte ({@code 0x80} IPv6, low two bits the origin), 4 or 16 address bytes and a big-endian
 * port.
 *
 * @param address the socket address
 * @param origin 0 unknown, 1 local/reported, 2 observed, 3 relay
 */
public record RtmfpAddress(InetSocketAddress address, int origin) {
  /** Origin: unknown. */
  public static final int ORIGIN_UNKNOWN = 0;

  /** Origin: reported by the endpoint itself. */
  public static final int ORIGIN_LOCAL = 1;

  /** Origin: observed by the sender. */
  public static final int ORIGIN_OBSERVED = 2;

  /** Origin: a relay. */
  public static final int ORIGIN_RELAY = 3;

  /** Validates the fields. */
  public RtmfpAddress {
    if (origin < 0 || origin > 3) {
      throw new IllegalArgumentException("origin must be 0..3: " + origin);
    }
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("address must be resolved");
    }
  }

  /** Writes this address. */
  public void write(WireWriter w) {
    byte[] ip = address.getAddress().getAddress();
    w.u8((ip.length == 16 ? 0x80 : 0) | origin);
    w.bytes(ip);
    w.u16(address.getPort());
  }

  /** Reads one address. */
  public static RtmfpAddress read(WireReader r) {
    int flags = r.u8();
    byte[] ip = r.bytes((flags & 0x80) != 0 ? 16 : 4);
    int port = r.u16();
    try {
      return new RtmfpAddress(
          new InetSocketAddress(InetAddress.getByAddress(ip), port), flags & 0x03);
    } catch (UnknownHostException e) {
      throw new MalformedException("bad address length");
    }
  }
}
