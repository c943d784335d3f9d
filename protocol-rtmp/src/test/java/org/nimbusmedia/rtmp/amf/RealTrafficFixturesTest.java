package org.nimbusmedia.rtmp.amf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nimbusmedia.rtmp.amf.AmfFixtures.Fixture;

/** Messages from real clients: decode to the expected values and re-encode to the same bytes. */
class RealTrafficFixturesTest {

  static Stream<Fixture> fixtures() {
    return AmfFixtures.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void decodesToTheExpectedValues(Fixture fixture) {
    assertEquals(fixture.values(), Codecs.decode(fixture.amf3(), fixture.bytes()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void reencodesToTheSameBytes(Fixture fixture) {
    assertEquals(
        Hex.format(fixture.bytes()), Hex.format(Codecs.reencode(fixture.amf3(), fixture.bytes())));
  }

  @Test
  void typedObjectsKeepClassNameTraitsAndIdentity() {
    Fixture fixture = AmfFixtures.amf3TypedObjectsWithTraitReuse();
    List<?> array = (List<?>) Codecs.decode3(fixture.bytes()).get(0);
    AmfObject first = assertInstanceOf(AmfObject.class, array.get(0));
    AmfObject second = assertInstanceOf(AmfObject.class, array.get(1));
    assertEquals("org.nimbus.User", first.className());
    assertSame(first.traits(), second.traits(), "second object uses the first one's traits");
    assertSame(first, array.get(2), "object reference resolves to the same instance");
    assertNotSame(first, second);
  }

  @Test
  void valuesBuiltInJavaEncodeToTheFixtureBytes() {
    Fixture ffmpeg = AmfFixtures.ffmpegOnMetaData();
    assertArrayEquals(ffmpeg.bytes(), Codecs.encode0(ffmpeg.values()));
    Fixture rtmpdump = AmfFixtures.rtmpdumpConnect();
    assertArrayEquals(rtmpdump.bytes(), Codecs.encode0(rtmpdump.values()));
    Fixture typed = AmfFixtures.amf3TypedObjectsWithTraitReuse();
    assertArrayEquals(typed.bytes(), Codecs.encode3(typed.values()));
  }

  @Test
  void connectObjectEncodingIsReadable() {
    AmfObject command =
        (AmfObject) Codecs.decode0(AmfFixtures.flashPlayer10Connect().bytes()).get(2);
    assertEquals(ObjectEncoding.AMF3, ObjectEncoding.of((Double) command.get("objectEncoding")));
  }
}
