package org.nimbusmedia.rtmp.amf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nimbusmedia.rtmp.amf.Hex.bytes;
import static org.nimbusmedia.rtmp.amf.Hex.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values that have no AMF form are programming errors, reported before they reach the wire. */
class EncoderMisuseTest {

  @Test
  void cyclesAreRejectedInBothFormats() {
    AmfObject self = new AmfObject();
    self.put("self", self);
    assertThrows(IllegalArgumentException.class, () -> Codecs.encode0(List.of(self)));
    assertThrows(IllegalArgumentException.class, () -> Codecs.encode3(List.of(self)));
  }

  @Test
  void repeatedValuesThatAreNotCyclesBecomeReferences() {
    AmfObject shared = AmfObject.of("a", 1.0);
    List<Object> pair = new ArrayList<>(List.of(shared, shared));
    byte[] amf0 = Codecs.encode0(List.of(pair));
    assertArrayEquals(
        bytes(
            "0A 00000002", // strict array, reference index 0
            "03 0001" + text("a") + "00 3FF0000000000000 0000 09", // object, index 1
            "07 0001"), // 2.9 reference to index 1
        amf0);
  }

  @Test
  void amf3CannotNameAMemberWithTheEmptyString() {
    assertThrows(
        IllegalArgumentException.class, () -> Codecs.encode3(List.of(AmfObject.of("", 1))));
  }

  @Test
  void vectorsRejectElementsOfTheWrongType() {
    AmfVector ints = AmfVector.of(AmfVector.Type.INT, List.of("one"));
    assertThrows(IllegalArgumentException.class, () -> Codecs.encode3(List.of(ints)));
    AmfVector uints = AmfVector.of(AmfVector.Type.UINT, List.of(-1L));
    assertThrows(IllegalArgumentException.class, () -> Codecs.encode3(List.of(uints)));
  }

  @Test
  void sealedTraitsMustCoverEveryMember() {
    AmfObject object =
        AmfObject.typed("Point", "x", 1, "z", 3)
            .traits(new AmfTraits("Point", false, false, List.of("x")));
    assertThrows(IllegalArgumentException.class, () -> Codecs.encode3(List.of(object)));
  }

  @Test
  void javaTypesWithNoAmfFormAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Codecs.encode0(List.of(new Object())));
    assertThrows(IllegalArgumentException.class, () -> Codecs.encode3(List.of(new Object())));
  }

  @Test
  void plainJavaMapsEncodeAsAnonymousObjects() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("level", "status");
    assertEquals(
        List.of(AmfObject.of("level", "status")), Codecs.decode0(Codecs.encode0(List.of(map))));
    assertEquals(
        List.of(AmfObject.of("level", "status")), Codecs.decode3(Codecs.encode3(List.of(map))));
  }
}
