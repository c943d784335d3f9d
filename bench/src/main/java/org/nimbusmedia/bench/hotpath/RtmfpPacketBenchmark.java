package org.nimbusmedia.bench.hotpath;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nimbusmedia.rtmfp.crypto.Datagrams;
import org.nimbusmedia.rtmfp.crypto.Integrity;
import org.nimbusmedia.rtmfp.crypto.PacketCipher;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.Packet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * RTMFP packet sealing (encode, pad, checksum or HMAC, AES-128-CBC encrypt, scramble the session
 * id) and opening (verify, decrypt, parse) for a media-sized packet: one User Data chunk of 1,200
 * bytes (RFC 7016 sections 2.2.1 and 2.3.11), in the Flash profile's two integrity modes (RFC 7425
 * section 4.6.4): the Internet checksum and a 10-byte HMAC-SHA256. Opening decrypts in place, so
 * each {@code open} works on a fresh copy of the sealed datagram; the copy is part of the cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RtmfpPacketBenchmark {
  private static final int SESSION_ID = 0x2a3b4c5d;

  @Param({"checksum", "hmac"})
  String integrityMode;

  private final PacketCipher cipher = new PacketCipher(new byte[16]);
  private Packet packet;
  private byte[] sealed;

  @Setup
  public void setUp() {
    byte[] body = new byte[1200];
    packet =
        new Packet(
            Packet.FLAG_TS | Packet.MODE_RESPONDER,
            1234,
            0,
            List.of(new Chunk(Chunk.USER_DATA, body)));
    sealed = Datagrams.seal(SESSION_ID, cipher, integrity(), packet);
  }

  private Integrity integrity() {
    return "hmac".equals(integrityMode)
        ? new Integrity(new byte[32], 10, false)
        : Integrity.CHECKSUM;
  }

  @Benchmark
  public byte[] seal() {
    return Datagrams.seal(SESSION_ID, cipher, integrity(), packet);
  }

  @Benchmark
  public Packet open() {
    return Datagrams.open(sealed.clone(), cipher, integrity());
  }
}
