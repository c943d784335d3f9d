package org.nimbusmedia.rtmp.amf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
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
 * Input from the network that is truncated, corrupted, hostile or too large: every case ends in an
 * {@link AmfException} with a reason and an offset, never in another exception, a loop, a stack
 * overflow or a large allocation.
 */
class BadInputTest {

  private static final AmfLimits GENEROUS =
      new AmfLimits(64, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

  static Stream<Fixture> allFixtures() {
    List<Fixture> all = new ArrayList<>(AmfFixtures.all());
    all.addAll(Amf0SpecFixturesTest.fixtures());
    all.addAll(Amf3SpecFixturesTest.fixtures());
    return all.stream();
  }

  private static AmfException decodeFails(boolean amf3, byte[] bytes, AmfLimits limits) {
    return assertThrows(
        AmfException.class,
        () -> {
          if (amf3) {
            Codecs.decode3(bytes, limits);
          } else {
            Codecs.decode0(bytes, limits);
          }
        });
  }

  private static void assertFails(
      boolean amf3, byte[] bytes, AmfLimits limits, Reason reason, long offset) {
    AmfException e = decodeFails(amf3, bytes, limits);
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(offset, e.offset(), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allFixtures")
  void everyTruncationFailsAsTruncatedOrEndsOnAValueBoundary(Fixture fixture) {
    byte[] bytes = fixture.bytes();
    for (int length = 1; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      try {
        List<Object> values = Codecs.decode(fixture.amf3(), prefix);
        // A prefix that ends between two top-level values is a shorter, valid message.
        assertEquals(fixture.values().subList(0, values.size()), values, "prefix " + length);
      } catch (AmfException e) {
        assertEquals(Reason.TRUNCATED, e.reason(), "prefix " + length + ": " + e.getMessage());
        if (e.offset() > length) {
          fail("offset " + e.offset() + " beyond the " + length + " bytes given");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allFixtures")
  void bitFlipsDecodeOrFailWithAmfException(Fixture fixture) {
    byte[] bytes = fixture.bytes();
    for (int bit = 0; bit < bytes.length * 8; bit++) {
      byte[] flipped = bytes.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      try {
        Codecs.decode(fixture.amf3(), flipped);
      } catch (AmfException expected) {
        // The only acceptable failure.
      }
    }
  }

  @Test
  void hugeLengthsFailBeforeAllocating() {
    // AMF0 2.14 long string claiming 2^31 bytes.
    byte[] longString = bytes("0C 80000000 61");
    assertFails(false, longString, AmfLimits.DEFAULT, Reason.LIMIT_EXCEEDED, 5);
    // 2^31 is beyond any int limit; 2^31 - 1 is within the generous one but not in the buffer.
    assertFails(false, longString, GENEROUS, Reason.LIMIT_EXCEEDED, 5);
    assertFails(false, bytes("0C 7FFFFFFF 61"), GENEROUS, Reason.TRUNCATED, 5);
    // AMF0 2.12 strict array claiming 2^32 - 1 elements.
    byte[] strictArray = bytes("0A FFFFFFFF 05");
    assertFails(false, strictArray, AmfLimits.DEFAULT, Reason.LIMIT_EXCEEDED, 5);
    assertFails(false, bytes("0A 7FFFFFF0 05"), GENEROUS, Reason.TRUNCATED, 5);
    // AMF0 2.17 XML document of 2^31 - 1 bytes.
    assertFails(false, bytes("0F 7FFFFFFF"), GENEROUS, Reason.TRUNCATED, 5);
    // AMF3 3.14 byte array of 2^28 - 1 bytes, the largest U29B-value.
    assertFails(true, bytes("0C FFFFFFFF"), AmfLimits.DEFAULT, Reason.LIMIT_EXCEEDED, 5);
    assertFails(true, bytes("0C FFFFFFFF"), GENEROUS, Reason.TRUNCATED, 5);
    // AMF3 3.11 array with a dense count of 2^27 - 1.
    assertFails(true, bytes("09 FFFFFFFF 01"), GENEROUS, Reason.TRUNCATED, 5);
    // AMF3 3.15 Vector.<Number> of 2^27 - 1 items of 8 bytes.
    assertFails(true, bytes("0F FFFFFFFF 00"), GENEROUS, Reason.TRUNCATED, 6);
    // AMF3 3.12 traits with 2^24 sealed names.
    assertFails(true, bytes("0A FFFFFFFB 01"), GENEROUS, Reason.TRUNCATED, 5);
    // AMF3 3.16 dictionary of 2^27 - 1 entries.
    assertFails(true, bytes("11 FFFFFFFF 00"), GENEROUS, Reason.TRUNCATED, 5);
  }

  @Test
  void referencesToMissingEntriesFail() {
    assertFails(false, bytes("05 07 0000"), AmfLimits.DEFAULT, Reason.BAD_REFERENCE, 1);
    assertFails(true, bytes("06 02"), AmfLimits.DEFAULT, Reason.BAD_REFERENCE, 1); // string 1
    assertFails(true, bytes("09 00"), AmfLimits.DEFAULT, Reason.BAD_REFERENCE, 1); // object 0
    assertFails(true, bytes("0A 05"), AmfLimits.DEFAULT, Reason.BAD_REFERENCE, 1); // traits 1
  }

  @Test
  void referencesToValuesStillBeingDecodedFailAsCycles() {
    byte[] amf0 =
        bytes(
            "03", // object, reference table index 0
            "0001" + text("a"), // member name
            "07 0000", // 2.9 reference to index 0: the object itself
            "0000 09");
    assertFails(false, amf0, AmfLimits.DEFAULT, Reason.CYCLE, 4);
    byte[] amf3 =
        bytes(
            "09 03 01", // array of 1, object table index 0
            "09 00"); // its element: a reference to index 0
    assertFails(true, amf3, AmfLimits.DEFAULT, Reason.CYCLE, 4);
  }

  @Test
  void deepNestingFailsWithoutOverflowingTheStack() {
    byte[] amf0 = new byte[5 * 200_000];
    for (int i = 0; i < amf0.length; i += 5) {
      amf0[i] = 0x0A; // strict array of one element, nested 200,000 times
      amf0[i + 4] = 1;
    }
    assertFails(false, amf0, AmfLimits.DEFAULT, Reason.LIMIT_EXCEEDED, 65 * 5);
    byte[] amf3 = new byte[3 * 200_000];
    for (int i = 0; i < amf3.length; i += 3) {
      amf3[i] = 0x09; // array of one element, no associative part
      amf3[i + 1] = 0x03;
      amf3[i + 2] = 0x01;
    }
    assertFails(true, amf3, AmfLimits.DEFAULT, Reason.LIMIT_EXCEEDED, 65 * 3 - 1);
  }

  @Test
  void limitsOnElementsStringsAndSizeApply() {
    AmfLimits small = new AmfLimits(4, 3, 4, 16);
    assertFails(false, bytes("05 05 05 05"), small, Reason.LIMIT_EXCEEDED, 4);
    assertFails(false, bytes("02 0005" + text("hello")), small, Reason.LIMIT_EXCEEDED, 3);
    assertFails(true, bytes("06 0B" + text("hello")), small, Reason.LIMIT_EXCEEDED, 2);
    assertFails(false, new byte[17], small, Reason.LIMIT_EXCEEDED, 0);
    assertFails(
        true, bytes("0D 07 00 00000001 00000002 00000003"), small, Reason.LIMIT_EXCEEDED, 3);
  }

  @Test
  void emptyInputIsAnEmptyMessage() {
    assertEquals(List.of(), Codecs.decode0(new byte[0]));
    assertEquals(List.of(), Codecs.decode3(new byte[0]));
  }
}
