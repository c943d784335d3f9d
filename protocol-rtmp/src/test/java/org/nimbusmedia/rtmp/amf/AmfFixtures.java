package org.nimbusmedia.rtmp.amf;

import static org.nimbusmedia.rtmp.amf.Hex.bytes;
import static org.nimbusmedia.rtmp.amf.Hex.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Messages as real clients send them, built by hand byte by byte from the AMF0 and AMF3
 * specifications and the clients' known field order. Shared with other modules' tests through the
 * test jar.
 */
public final class AmfFixtures {

  private AmfFixtures() {}

  /** A fixture: its bytes, whether it is a pure AMF3 stream, and the values it holds. */
  public record Fixture(String name, boolean amf3, byte[] bytes, List<Object> values) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every real-traffic fixture. */
  public static List<Fixture> all() {
    return List.of(
        flashPlayer10Connect(),
        ffmpegConnect(),
        rtmpdumpConnect(),
        ffmpegOnMetaData(),
        amf3TypedObjectsWithTraitReuse());
  }

  /**
   * The {@code connect} command of Flash Player 10 on Windows with {@code objectEncoding} 3 and two
   * extra arguments to {@code NetConnection.connect}, which it writes in AMF3 behind the AVM+
   * marker (AMF0 spec section 3.1).
   */
  public static Fixture flashPlayer10Connect() {
    byte[] bytes =
        bytes(
            "02 0007" + text("connect"), // 2.4 string, U16 length 7: command name
            "00 3FF0000000000000", // 2.2 number 1.0: transaction id
            "03", // 2.5 anonymous object: the command object
            "0003" + text("app") + "02 0004" + text("live"), // app: "live"
            "0008" + text("flashVer") + "02 000E" + text("WIN 10,0,32,18"), // flashVer
            "0006" + text("swfUrl") + "02 001D" + text("http://example.com/player.swf"),
            "0005" + text("tcUrl") + "02 0017" + text("rtmp://example.com/live"),
            "0004" + text("fpad") + "01 00", // 2.3 boolean false: no proxy
            "000C" + text("capabilities") + "00 406DE00000000000", // 239.0
            "000B" + text("audioCodecs") + "00 40ABEE0000000000", // 3575.0
            "000B" + text("videoCodecs") + "00 406F800000000000", // 252.0
            "000D" + text("videoFunction") + "00 3FF0000000000000", // 1.0: seek
            "0007" + text("pageUrl") + "02 0013" + text("http://example.com/"),
            "000E" + text("objectEncoding") + "00 4008000000000000", // 3.0: AMF3
            "0000 09", // 2.11 empty name and object-end marker
            "11", // 3.1 AVM+ marker: the next value is AMF3
            "06 0D" + text("nimbus"), // AMF3 3.8 string, U29S-value (6 << 1) | 1
            "11", // 3.1 AVM+ marker again
            "0A", // AMF3 3.12 object
            "0B", // U29O-traits: 0 sealed, dynamic (0x08), inline traits and object (0b011)
            "01", // class name: the empty string, an anonymous object
            "0B" + text("token"), // dynamic member name, (5 << 1) | 1
            "06 0D" + text("secret"), // its value, a string
            "01"); // the empty name ends the dynamic members
    AmfObject command =
        AmfObject.of(
            "app",
            "live",
            "flashVer",
            "WIN 10,0,32,18",
            "swfUrl",
            "http://example.com/player.swf",
            "tcUrl",
            "rtmp://example.com/live",
            "fpad",
            false,
            "capabilities",
            239.0,
            "audioCodecs",
            3575.0,
            "videoCodecs",
            252.0,
            "videoFunction",
            1.0,
            "pageUrl",
            "http://example.com/",
            "objectEncoding",
            3.0);
    return new Fixture(
        "Flash Player 10 connect",
        false,
        bytes,
        List.of("connect", 1.0, command, "nimbus", AmfObject.of("token", "secret")));
  }

  /** The {@code connect} command of ffmpeg (libavformat rtmpproto.c) when it publishes. */
  public static Fixture ffmpegConnect() {
    byte[] bytes =
        bytes(
            "02 0007" + text("connect"), // 2.4 string: command name
            "00 3FF0000000000000", // 2.2 number 1.0: transaction id
            "03", // 2.5 anonymous object
            "0003" + text("app") + "02 0004" + text("live"),
            "0004" + text("type") + "02 000A" + text("nonprivate"), // sent when publishing
            "0008" + text("flashVer") + "02 0024" + text("FMLE/3.0 (compatible; Lavf58.76.100)"),
            "0005" + text("tcUrl") + "02 001A" + text("rtmp://localhost:1935/live"),
            "0000 09"); // 2.11 object end
    AmfObject command =
        AmfObject.of(
            "app", "live",
            "type", "nonprivate",
            "flashVer", "FMLE/3.0 (compatible; Lavf58.76.100)",
            "tcUrl", "rtmp://localhost:1935/live");
    return new Fixture("ffmpeg connect", false, bytes, List.of("connect", 1.0, command));
  }

  /** The {@code connect} command of rtmpdump (librtmp SendConnectPacket) when it plays. */
  public static Fixture rtmpdumpConnect() {
    byte[] bytes =
        bytes(
            "02 0007" + text("connect"), // 2.4 string: command name
            "00 3FF0000000000000", // 2.2 number 1.0: transaction id
            "03", // 2.5 anonymous object
            "0003" + text("app") + "02 0004" + text("live"),
            "0008" + text("flashVer") + "02 000E" + text("LNX 10,0,32,18"),
            "0006" + text("swfUrl") + "02 001D" + text("http://example.com/player.swf"),
            "0005" + text("tcUrl") + "02 001A" + text("rtmp://localhost:1935/live"),
            "0004" + text("fpad") + "01 00", // boolean false
            "000C" + text("capabilities") + "00 402E000000000000", // 15.0
            "000B" + text("audioCodecs") + "00 40A8EE0000000000", // 3191.0 (0x0C77)
            "000B" + text("videoCodecs") + "00 406F800000000000", // 252.0
            "000D" + text("videoFunction") + "00 3FF0000000000000", // 1.0
            "0007" + text("pageUrl") + "02 0013" + text("http://example.com/"),
            "0000 09"); // 2.11 object end
    AmfObject command =
        AmfObject.of(
            "app",
            "live",
            "flashVer",
            "LNX 10,0,32,18",
            "swfUrl",
            "http://example.com/player.swf",
            "tcUrl",
            "rtmp://localhost:1935/live",
            "fpad",
            false,
            "capabilities",
            15.0,
            "audioCodecs",
            3191.0,
            "videoCodecs",
            252.0,
            "videoFunction",
            1.0,
            "pageUrl",
            "http://example.com/");
    return new Fixture("rtmpdump connect", false, bytes, List.of("connect", 1.0, command));
  }

  /**
   * The metadata ffmpeg (libavformat flvenc.c) sends when it publishes H.264 and AAC over RTMP: a
   * data message {@code @setDataFrame("onMetaData", ecmaArray)}.
   */
  public static Fixture ffmpegOnMetaData() {
    byte[] bytes =
        bytes(
            "02 000D" + text("@setDataFrame"), // 2.4 string
            "02 000A" + text("onMetaData"), // 2.4 string
            "08 0000000D", // 2.10 ECMA array, U32 associative count 13
            "0008" + text("duration") + "00 0000000000000000", // 0.0: live
            "0005" + text("width") + "00 4094000000000000", // 1280.0
            "0006" + text("height") + "00 4086800000000000", // 720.0
            "000D" + text("videodatarate") + "00 40A312D000000000", // 2441.40625 kbit/s
            "0009" + text("framerate") + "00 403E000000000000", // 30.0
            "000C" + text("videocodecid") + "00 401C000000000000", // 7.0: AVC
            "000D" + text("audiodatarate") + "00 405F400000000000", // 125.0 kbit/s
            "000F" + text("audiosamplerate") + "00 40E5888000000000", // 44100.0
            "000F" + text("audiosamplesize") + "00 4030000000000000", // 16.0
            "0006" + text("stereo") + "01 01", // 2.3 boolean true
            "000C" + text("audiocodecid") + "00 4024000000000000", // 10.0: AAC
            "0007" + text("encoder") + "02 000D" + text("Lavf58.76.100"),
            "0008" + text("filesize") + "00 0000000000000000", // 0.0
            "0000 09"); // 2.11 object end closes the ECMA array too
    AmfEcmaArray metadata =
        AmfEcmaArray.of(
            "duration", 0.0,
            "width", 1280.0,
            "height", 720.0,
            "videodatarate", 2441.40625,
            "framerate", 30.0,
            "videocodecid", 7.0,
            "audiodatarate", 125.0,
            "audiosamplerate", 44100.0,
            "audiosamplesize", 16.0,
            "stereo", true,
            "audiocodecid", 10.0,
            "encoder", "Lavf58.76.100",
            "filesize", 0.0);
    return new Fixture(
        "ffmpeg onMetaData", false, bytes, List.of("@setDataFrame", "onMetaData", metadata));
  }

  /**
   * An AMF3 array of two objects of one registered class, the second sent with a traits reference
   * and a string reference, then the first again by object reference (AMF3 spec sections 3.11,
   * 3.12, 1.3.2).
   */
  public static Fixture amf3TypedObjectsWithTraitReuse() {
    byte[] bytes =
        bytes(
            "09", // 3.11 array, object table index 0
            "07", // U29A-value: dense count 3, (3 << 1) | 1
            "01", // empty name: no associative part
            "0A", // 3.12 object, object table index 1
            "23", // U29O-traits: 2 sealed (2 << 4), not dynamic, inline (0b011); traits index 0
            "1F" + text("org.nimbus.User"), // class name, (15 << 1) | 1; string index 0
            "09" + text("name"), // sealed name, (4 << 1) | 1; string index 1
            "07" + text("age"), // sealed name, (3 << 1) | 1; string index 2
            "06 0B" + text("alice"), // name: string, (5 << 1) | 1; string index 3
            "04 1E", // age: 3.6 integer 30
            "0A", // 3.12 object, object table index 2
            "01", // U29O-traits-ref: traits index 0, (0 << 2) | 0b01
            "06 06", // name: string reference to index 3, (3 << 1): "alice"
            "04 19", // age: integer 25
            "0A 02"); // 3.12 object reference to index 1, (1 << 1): the first object
    AmfTraits user = new AmfTraits("org.nimbus.User", false, false, List.of("name", "age"));
    AmfObject first = AmfObject.typed("org.nimbus.User", "name", "alice", "age", 30).traits(user);
    AmfObject second = AmfObject.typed("org.nimbus.User", "name", "alice", "age", 25).traits(user);
    List<Object> array = new ArrayList<>(List.of(first, second, first));
    return new Fixture("AMF3 typed objects with trait reuse", true, bytes, List.of(array));
  }
}
