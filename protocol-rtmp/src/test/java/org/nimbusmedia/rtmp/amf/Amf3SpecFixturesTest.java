package org.nimbusmedia.rtmp.amf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nimbusmedia.rtmp.amf.Hex.bytes;
import static org.nimbusmedia.rtmp.amf.Hex.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nimbusmedia.rtmp.amf.AmfException.Reason;
import org.nimbusmedia.rtmp.amf.AmfFixtures.Fixture;

/**
 * Known answers for every AMF3 marker and encoding, built from "Action Message Format -- AMF 3",
 * sections 1.3 (U29, strings) and 3 (types). Each fixture decodes to its values and they encode
 * back to it.
 */
class Amf3SpecFixturesTest {

  private static Fixture fixture(String name, byte[] bytes, Object... values) {
    return new Fixture(name, true, bytes, Arrays.asList(values));
  }

  static List<Fixture> fixtures() {
    AmfObject point =
        AmfObject.typed("Point", "x", 1, "y", 2)
            .traits(new AmfTraits("Point", true, false, List.of("x")));
    AmfEcmaArray mixed = AmfEcmaArray.of("k", "v");
    mixed.dense().add(7);
    AmfVector ints = AmfVector.of(AmfVector.Type.INT, List.of(1, -1));
    AmfVector uints = new AmfVector(AmfVector.Type.UINT, true, "");
    uints.add(4294967295L);
    AmfVector doubles = AmfVector.of(AmfVector.Type.DOUBLE, List.of(1.5));
    AmfVector strings = new AmfVector(AmfVector.Type.OBJECT, false, "String");
    strings.addAll(List.of("a", "b"));
    AmfDictionary dictionary = new AmfDictionary(false);
    dictionary.put(1, "x");
    dictionary.put("k", 2);
    return List.of(
        fixture(
            "3.2-3.5 undefined, null, false, true",
            bytes("00", "01", "02", "03"),
            AmfUndefined.INSTANCE,
            null,
            false,
            true),
        fixture(
            "3.6 integer and 1.3.1 U29",
            bytes(
                "04 00", // 0: one byte
                "04 7F", // 127: largest one-byte U29
                "04 8100", // 128: 0b1_0000001 then 0b0_0000000
                "04 FF7F", // 16383: largest two-byte U29
                "04 818000", // 16384: three bytes
                "04 FFFF7F", // 2097151: largest three-byte U29
                "04 80C08000", // 2097152: four bytes, the last one holding 8 bits
                "04 BFFFFFFF", // 268435455 = 2^28 - 1: largest integer
                "04 FFFFFFFF", // -1: 29-bit two's complement
                "04 C0808000"), // -268435456 = -2^28: smallest integer
            0,
            127,
            128,
            16383,
            16384,
            2097151,
            2097152,
            268435455,
            -1,
            -268435456),
        fixture("3.7 double", bytes("05 3FF8000000000000"), 1.5),
        fixture(
            "3.8 string and 1.3.2 string references",
            bytes(
                "06 0B" + text("hello"), // U29S-value (5 << 1) | 1; string table index 0
                "06 00", // U29S-ref 0 << 1: "hello"
                "06 01", // the empty string: (0 << 1) | 1, never put in the table
                "06 03" + text("a"), // string table index 1, not 2
                "06 02"), // U29S-ref 1 << 1: "a"
            "hello",
            "hello",
            "",
            "a",
            "a"),
        fixture(
            "3.9 XMLDocument",
            bytes("07 11" + text("<a>b</a>")), // U29X-value (8 << 1) | 1
            new AmfXmlDocument("<a>b</a>")),
        fixture(
            "3.10 date",
            bytes(
                "08 01", // U29D-value: only the inline flag
                "4271F71FB04CB000"), // 1234567890123 ms since the epoch, UTC
            new AmfDate(1234567890123.0)),
        fixture(
            "3.11 array, dense only",
            bytes(
                "09 07", // U29A-value: dense count 3
                "01", // empty name: no associative part
                "04 01 04 02 04 03"), // integers 1, 2, 3
            new ArrayList<>(List.of(1, 2, 3))),
        fixture(
            "3.11 array, associative and dense",
            bytes(
                "09 03", // U29A-value: dense count 1
                "03" + text("k") + "06 03" + text("v"), // "k": "v"
                "01", // end of the associative part
                "04 07"), // dense[0]: integer 7
            mixed),
        fixture(
            "3.12 anonymous object",
            bytes(
                "0A", // object marker
                "0B", // U29O-traits: 0 sealed, dynamic, inline
                "01", // class name "": anonymous
                "03" + text("a") + "04 01", // dynamic member a: 1
                "01"), // end of dynamic members
            AmfObject.of("a", 1)),
        fixture(
            "3.12 typed object, sealed and dynamic members",
            bytes(
                "0A", // object marker
                "1B", // U29O-traits: 1 sealed (1 << 4), dynamic (0x08), inline (0b011)
                "0B" + text("Point"), // class name
                "03" + text("x"), // sealed member name
                "04 01", // sealed value x: 1
                "03" + text("y") + "04 02", // dynamic member y: 2
                "01"), // end of dynamic members
            point),
        fixture(
            "3.12 traits reference and string references in members",
            bytes(
                "09 05 01", // array of 2, no associative part
                "0A 0B 01", // object, anonymous dynamic traits (traits index 0)
                "03" + text("a") + "04 01 01", // a: 1, end
                "0A 01", // object, U29O-traits-ref (0 << 2) | 0b01
                "00 04 02 01"), // name by string reference 0 ("a"), value 2, end
            new ArrayList<>(List.of(AmfObject.of("a", 1), AmfObject.of("a", 2)))),
        fixture(
            "3.13 XML",
            bytes("0B 11" + text("<a>b</a>")), // U29X-value (8 << 1) | 1
            new AmfXml("<a>b</a>")),
        fixture(
            "3.14 ByteArray",
            bytes("0C 07 010203"), // U29B-value (3 << 1) | 1, then the bytes
            new AmfByteArray(new byte[] {1, 2, 3})),
        fixture(
            "3.15 Vector.<int>",
            bytes(
                "0D 05", // U29V-value: 2 items
                "00", // not fixed
                "00000001 FFFFFFFF"), // S32 items 1, -1
            ints),
        fixture(
            "3.15 Vector.<uint>",
            bytes("0E 03", "01", "FFFFFFFF"), // 1 item, fixed, U32 4294967295
            uints),
        fixture(
            "3.15 Vector.<Number>",
            bytes("0F 03", "00", "3FF8000000000000"), // 1 item, not fixed, 1.5
            doubles),
        fixture(
            "3.15 Vector.<String>",
            bytes(
                "10 05", // U29V-value: 2 items
                "00", // not fixed
                "0D" + text("String"), // object-type-name
                "06 03" + text("a") + "06 03" + text("b")), // items as values
            strings),
        fixture(
            "3.16 Dictionary",
            bytes(
                "11 05", // U29Dict-value: 2 entries
                "00", // weak-keys false
                "04 01" + "06 03" + text("x"), // key integer 1: "x"
                "06 03" + text("k") + "04 02"), // key "k": 2
            dictionary),
        fixture(
            "3.12 externalizable flex.messaging.io.ArrayCollection",
            bytes(
                "0A", // object marker
                "07", // U29O-traits-ext: externalizable, inline traits and object
                "43" + text("flex.messaging.io.ArrayCollection"), // class name, (33 << 1) | 1
                "09 05 01 04 01 04 02"), // body: its source array [1, 2]
            new AmfArrayCollection(List.of(1, 2))),
        fixture(
            "3.12 externalizable flex.messaging.io.ObjectProxy",
            bytes(
                "0A 07", // object, externalizable traits
                "3B" + text("flex.messaging.io.ObjectProxy"), // class name, (29 << 1) | 1
                "0A 0B 01" + "03" + text("a") + "04 01 01"), // body: the object {a: 1}
            new AmfObjectProxy(AmfObject.of("a", 1))),
        fixture(
            "3.1 object table: a repeated date is a reference",
            bytes(
                "08 01 0000000000000000", // date, object table index 0
                "08 00"), // U29O-ref 0 << 1
            sameTwice(new AmfDate(0))));
  }

  private static Object[] sameTwice(Object value) {
    return new Object[] {value, value};
  }

  static Stream<Fixture> fixtureStream() {
    return fixtures().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureStream")
  void decodes(Fixture fixture) {
    assertEquals(fixture.values(), Codecs.decode3(fixture.bytes()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureStream")
  void reencodesToTheSameBytes(Fixture fixture) {
    assertEquals(
        Hex.format(fixture.bytes()), Hex.format(Codecs.encode3(Codecs.decode3(fixture.bytes()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureStream")
  void encodesTheValues(Fixture fixture) {
    assertEquals(Hex.format(fixture.bytes()), Hex.format(Codecs.encode3(fixture.values())));
  }

  @Test
  void integersOutside29BitsAreSentAsDoubles() {
    assertArrayEquals(bytes("05 41B0000000000000"), Codecs.encode3(List.of(1 << 28)));
    assertArrayEquals(bytes("05 C1B0000001000000"), Codecs.encode3(List.of(-(1 << 28) - 1)));
  }

  @Test
  void typedObjectBuiltInJavaHasEveryMemberSealed() {
    byte[] expected =
        bytes(
            "0A", // object marker
            "23", // U29O-traits: 2 sealed, not dynamic, inline
            "0B" + text("Point"), // class name
            "03" + text("x") + "03" + text("y"), // sealed names
            "04 01 04 02"); // values
    assertArrayEquals(expected, Codecs.encode3(List.of(AmfObject.typed("Point", "x", 1, "y", 2))));
  }

  @Test
  void otherExternalizableClassesFailClearly() {
    byte[] bytes =
        bytes(
            "06 01", // an empty string first, so the object starts at offset 2
            "0A 07", // object, externalizable traits
            "0F" + text("com.Foo")); // class name, (7 << 1) | 1
    AmfException e = assertThrows(AmfException.class, () -> Codecs.decode3(bytes));
    assertEquals(Reason.UNSUPPORTED_EXTERNALIZABLE, e.reason());
    assertEquals(3, e.offset()); // the U29O header after the marker
  }

  @Test
  void unknownMarkerFailsAtItsOffset() {
    AmfException e = assertThrows(AmfException.class, () -> Codecs.decode3(bytes("01 12")));
    assertEquals(Reason.UNKNOWN_MARKER, e.reason());
    assertEquals(1, e.offset());
  }
}
