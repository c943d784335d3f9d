package org.nimbusmedia.rtmfp.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.nimbusmedia.rtmfp.crypto.Datagrams;
import org.nimbusmedia.rtmfp.crypto.PacketCipher;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.Packet;

/**
 * Prints the startup chunks of a {@link CaptureRelay} file: every datagram that opens with the
 * default key (RFC 7425 section 4.1) is shown as its chunks in hex; session packets are only
 * counted, their keys being unknown here.
 */
public final class CaptureDump {
  private CaptureDump() {}

  public static void main(String[] args) throws IOException {
    HexFormat hex = HexFormat.of();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String direction = line.substring(0, 3);
      byte[] datagram = hex.parseHex(line.substring(4).trim());
      int sessionId = Datagrams.sessionId(datagram);
      try {
        Packet p = Datagrams.open(datagram.clone(), PacketCipher.defaultKey());
        System.out.printf(
            "%s sid=%08x len=%d mode=%d%n", direction, sessionId, datagram.length, p.mode());
        for (Chunk c : p.chunks()) {
          System.out.printf(
              "    chunk %02x (%d) %s%n", c.type(), c.body().length, hex.formatHex(c.body()));
        }
      } catch (MalformedException e) {
        System.out.printf(
            "%s sid=%08x len=%d (session key) %s%n",
            direction, sessionId, datagram.length, hex.formatHex(datagram));
      }
    }
  }
}
