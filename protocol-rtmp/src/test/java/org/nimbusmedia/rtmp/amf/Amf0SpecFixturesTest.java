package org.nimbusmedia.rtmp.amf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nimbusmedia.rtmp.amf.Hex.bytes;
import static org.nimbusmedia.rtmp.amf.Hex.text;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nimbusmedia.rtmp.amf.AmfException.Reason;
import org.nimbusmedia.rtmp.amf.AmfFixtures.Fixture;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;

/**
 * Known answers for every AMF0 marker, built from "Action Message Format -- AMF 0", section 2
 * (types) and 3.1 (AVM+ marker). Each fixture decodes to its values and they encode back to it.
 */
class Amf0SpecFixturesTest {

  private static Fixture fixture(String name, byte[] bytes, Object... values) {
    return new Fixture(name, false, bytes, Arrays.asList(values));
  }

  static List<Fixture> fixtures() {
    AmfObject shared = AmfObject.of("a", null);
    AmfEcmaArray ecma = AmfEcmaArray.of("0", "x", "k", null);
    return List.of(
        fixture(
            "2.2 number",
            bytes(
                "00", // number marker
                "4008000000000000"), // IEEE 754 double, big-endian: 3.0
            3.0),
        fixture(
            "2.3 boolean",
            bytes(
                "01 01", // boolean marker, true
                "01 00"), // boolean marker, false
            true,
            false),
        fixture(
            "2.4 string",
            bytes(
                "02", // string marker
                "0005", // U16 byte length
                text("hello"),
                "02 0000", // the empty string
                "02 0005", // 5 UTF-8 bytes for 2 characters
                "C3A9 E282AC"), // U+00E9, U+20AC
            "hello",
            "",
            "\u00e9\u20ac"),
        fixture(
            "2.5 object",
            bytes(
                "03", // object marker
                "0001" + text("a"), // member name "a"
                "00 3FF0000000000000", // member value: number 1.0
                "0001" + text("b"), // member name "b"
                "02 0001" + text("c"), // member value: string "c"
                "0000 09"), // 2.11 empty name then object-end marker
            AmfObject.of("a", 1.0, "b", "c")),
        fixture("2.7 null", bytes("05"), (Object) null),
        fixture("2.8 undefined", bytes("06"), AmfUndefined.INSTANCE),
        fixture(
            "2.9 reference",
            bytes(
                "0A 00000002", // strict array of 2, reference table index 0
                "03", // object, reference table index 1
                "0001" + text("a"), // member name "a"
                "05", // null
                "0000 09", // object end
                "07 0001"), // reference marker, U16 index 1: the same object
            new ArrayList<>(List.of(shared, shared))),
        fixture(
            "2.10 ECMA array",
            bytes(
                "08", // ECMA array marker
                "00000002", // U32 associative count
                "0001" + text("0") + "02 0001" + text("x"), // "0": "x"
                "0001" + text("k") + "05", // "k": null
                "0000 09"), // object end
            ecma),
        fixture(
            "2.12 strict array",
            bytes(
                "0A", // strict array marker
                "00000003", // U32 count
                "00 3FF0000000000000", // 1.0
                "02 0001" + text("b"), // "b"
                "05"), // null
            new ArrayList<>(Arrays.asList(1.0, "b", null))),
        fixture(
            "2.13 date",
            bytes(
                "0B", // date marker
                "4271F71FB04CB000", // double: 1234567890123 ms since the epoch
                "0000", // S16 time zone, reserved, 0
                "0B 0000000000000000", // the epoch
                "FF88"), // time zone -120, kept although reserved
            new AmfDate(1234567890123.0),
            new AmfDate(0, (short) -120)),
        fixture("2.15 unsupported", bytes("0D"), AmfUnsupported.INSTANCE),
        fixture(
            "2.17 XML document",
            bytes(
                "0F", // XML document marker
                "00000008", // U32 byte length
                text("<a>b</a>")),
            new AmfXmlDocument("<a>b</a>")),
        fixture(
            "2.18 typed object",
            bytes(
                "10", // typed object marker
                "0005" + text("Point"), // class name
                "0001" + text("x") + "00 3FF0000000000000", // x: 1.0
                "0001" + text("y") + "00 4000000000000000", // y: 2.0
                "0000 09"), // object end
            AmfObject.typed("Point", "x", 1.0, "y", 2.0)),
        fixture(
            "3.1 AVM+ marker",
            bytes(
                "11", // switch to AMF3
                "0B 09" + text("<a/>"), // AMF3 3.13 XML, U29X-value (4 << 1) | 1
                "11", // switch again: AMF0 resumes after each AMF3 value
                "0C 07 010203"), // AMF3 3.14 byte array of 3 bytes
            new AmfXml("<a/>"),
            new AmfByteArray(new byte[] {1, 2, 3})));
  }

  static Stream<Fixture> fixtureStream() {
    return fixtures().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureStream")
  void decodes(Fixture fixture) {
    assertEquals(fixture.values(), Codecs.decode0(fixture.bytes()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureStream")
  void reencodesToTheSameBytes(Fixture fixture) {
    assertEquals(Hex.format(fixture.bytes()), Hex.format(Codecs.reencode0(fixture.bytes())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureStream")
  void encodesTheValues(Fixture fixture) {
    assertEquals(Hex.format(fixture.bytes()), Hex.format(Codecs.encode0(fixture.values())));
  }

  @Test
  void referenceResolvesToTheSameInstance() {
    List<?> list = (List<?>) Codecs.decode0(fixtures().get(6).bytes()).get(0);
    assertSame(list.get(0), list.get(1));
  }

  @Test
  void amf3IntegerBehindTheSwitchIsAnIntegerAndEncodesAsAnAmf0Number() {
    assertEquals(List.of(5), Codecs.decode0(bytes("11 04 05"))); // AVM+, AMF3 integer 5
    assertArrayEquals(bytes("00 4014000000000000"), Codecs.encode0(List.of(5))); // number 5.0
  }

  @Test
  void longStringDecodesAndShortStringsEncodeWithTheShortMarker() {
    byte[] bytes =
        bytes(
            "0C", // 2.14 long string marker
            "00000003", // U32 byte length
            text("abc"));
    assertEquals(List.of("abc"), Codecs.decode0(bytes));
    assertArrayEquals(bytes("02 0003" + text("abc")), Codecs.encode0(List.of("abc")));
  }

  @Test
  void stringsOver65535BytesUseTheLongStringMarker() {
    String text = "x".repeat(70_000);
    byte[] encoded = Codecs.encode0(List.of(text));
    assertArrayEquals(bytes("0C 00011170"), Arrays.copyOf(encoded, 5)); // marker, U32 70000
    assertEquals(List.of(text), Codecs.decode0(encoded));
  }

  @Test
  void amf3CommandBodyStartsWithAFormatByteAndSwitchesObjects() {
    List<Object> values = Arrays.asList("_result", 1.0, null, AmfObject.of("level", "status"));
    byte[] expected =
        bytes(
            "00", // format byte of an RTMP AMF3 command message (type 0x11)
            "02 0007" + text("_result"), // AMF0 string
            "00 3FF0000000000000", // AMF0 number 1.0
            "05", // AMF0 null
            "11", // AVM+ marker
            "0A 0B 01", // AMF3 object, dynamic anonymous traits
            "0B" + text("level") + "06 0D" + text("status"), // level: "status"
            "01"); // end of dynamic members
    ByteBuf out = Unpooled.buffer();
    try {
      new Amf0Encoder().encodeAll(values, ObjectEncoding.AMF3, out);
      assertEquals(Hex.format(expected), Hex.format(Hex.readable(out)));
      assertEquals(values, new Amf0Decoder().decodeAll(out, ObjectEncoding.AMF3));
    } finally {
      out.release();
    }
  }

  @Test
  void reservedAndUnknownMarkersFailAtTheirOffset() {
    assertFailure(bytes("05 04"), Reason.UNSUPPORTED_MARKER, 1); // 2.6 movieclip
    assertFailure(bytes("0E"), Reason.UNSUPPORTED_MARKER, 0); // 2.16 recordset
    assertFailure(bytes("06 09"), Reason.MALFORMED, 1); // 2.11 object end outside an object
    assertFailure(bytes("05 05 12"), Reason.UNKNOWN_MARKER, 2);
    assertFailure(bytes("FF"), Reason.UNKNOWN_MARKER, 0);
  }

  static void assertFailure(byte[] bytes, Reason reason, long offset) {
    AmfException e = assertThrows(AmfException.class, () -> Codecs.decode0(bytes));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(offset, e.offset(), e.getMessage());
  }
}
