package org.nimbusmedia.rtmp.amf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated value graphs survive encode then decode in both formats, and the decoded values encode
 * to the same bytes again.
 */
class RoundTripPropertiesTest {

  private static final int DEPTH = 3;

  @Property(tries = 500)
  void amf0RoundTrips(@ForAll("amf0Messages") List<Object> values) {
    byte[] bytes = Codecs.encode0(values);
    List<Object> decoded = Codecs.decode0(bytes);
    assertEquals(values, decoded);
    assertArrayEquals(bytes, Codecs.encode0(decoded));
  }

  @Property(tries = 500)
  void amf3RoundTrips(@ForAll("amf3Messages") List<Object> values) {
    byte[] bytes = Codecs.encode3(values);
    List<Object> decoded = Codecs.decode3(bytes);
    assertEquals(values, decoded);
    assertArrayEquals(bytes, Codecs.encode3(decoded));
  }

  @Provide
  Arbitrary<List<Object>> amf0Messages() {
    return amf0Value(DEPTH).list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<Object>> amf3Messages() {
    return amf3Value(DEPTH).list().ofMaxSize(5);
  }

  private static Arbitrary<String> strings() {
    // Valid UTF-16 only: an unpaired surrogate has no UTF-8 form.
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().ofMaxLength(12),
        Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(8),
        Arbitraries.of("connect", "_result", "\ud83d\ude00", "\u00e9\u20ac"));
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6);
  }

  private static Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE));
  }

  private static Arbitrary<Object> amf0Leaf() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(AmfUndefined.INSTANCE, AmfUnsupported.INSTANCE),
        Arbitraries.of(true, false),
        doubles(),
        strings(),
        Combinators.combine(doubles(), Arbitraries.shorts()).as(AmfDate::new),
        strings().map(AmfXmlDocument::new),
        // AMF3-only values travel behind the AVM+ marker.
        Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(AmfByteArray::new),
        strings().map(AmfXml::new));
  }

  private static Arbitrary<Object> amf0Value(int depth) {
    if (depth == 0) {
      return amf0Leaf();
    }
    Arbitrary<Object> child = amf0Value(depth - 1);
    Arbitrary<Map<String, Object>> members = Arbitraries.maps(keys(), child).ofMaxSize(4);
    return Arbitraries.frequencyOf(
        Tuple.of(4, amf0Leaf()),
        Tuple.of(1, members.map(m -> fill(new AmfObject(), m))),
        Tuple.of(
            1,
            Combinators.combine(Arbitraries.of("Point", "org.nimbus.User"), members)
                .as((name, m) -> fill(new AmfObject(name), m))),
        Tuple.of(1, members.map(m -> fill(new AmfEcmaArray(), m))),
        Tuple.of(1, child.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l))));
  }

  private static Arbitrary<Object> amf3Leaf() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.just(AmfUndefined.INSTANCE),
        Arbitraries.of(true, false),
        Arbitraries.integers().between(-(1 << 28), (1 << 28) - 1),
        doubles(),
        strings(),
        doubles().map(AmfDate::new),
        strings().map(AmfXmlDocument::new),
        strings().map(AmfXml::new),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(AmfByteArray::new),
        Combinators.combine(Arbitraries.integers().list().ofMaxSize(4), Arbitraries.of(true, false))
            .as((l, fixed) -> vector(AmfVector.Type.INT, fixed, l)),
        Combinators.combine(
                Arbitraries.longs().between(0, 0xFFFF_FFFFL).list().ofMaxSize(4),
                Arbitraries.of(true, false))
            .as((l, fixed) -> vector(AmfVector.Type.UINT, fixed, l)),
        doubles().list().ofMaxSize(4).map(l -> vector(AmfVector.Type.DOUBLE, false, l)));
  }

  private static Arbitrary<Object> amf3Value(int depth) {
    if (depth == 0) {
      return amf3Leaf();
    }
    Arbitrary<Object> child = amf3Value(depth - 1);
    Arbitrary<Map<String, Object>> members = Arbitraries.maps(keys(), child).ofMaxSize(4);
    Arbitrary<List<Object>> elements = child.list().ofMaxSize(4);
    return Arbitraries.frequencyOf(
        Tuple.of(6, amf3Leaf()),
        Tuple.of(1, members.map(m -> fill(new AmfObject(), m))),
        Tuple.of(
            1,
            Combinators.combine(Arbitraries.of("Point", "org.nimbus.User"), members)
                .as((name, m) -> fill(new AmfObject(name), m))),
        Tuple.of(
            1,
            Combinators.combine(members.filter(m -> !m.isEmpty()), elements)
                .as(
                    (m, dense) -> {
                      AmfEcmaArray array = fill(new AmfEcmaArray(), m);
                      array.dense().addAll(dense);
                      return array;
                    })),
        Tuple.of(1, elements.map(l -> (Object) new ArrayList<>(l))),
        Tuple.of(1, elements.map(AmfArrayCollection::new)),
        Tuple.of(1, child.map(AmfObjectProxy::new)),
        Tuple.of(
            1,
            Combinators.combine(Arbitraries.of("", "String", "*"), elements)
                .as(
                    (type, l) -> {
                      AmfVector vector = new AmfVector(AmfVector.Type.OBJECT, false, type);
                      vector.addAll(l);
                      return vector;
                    })),
        Tuple.of(
            1,
            Combinators.combine(
                    Arbitraries.maps(
                            Arbitraries.oneOf(keys(), Arbitraries.integers().between(0, 99)), child)
                        .ofMaxSize(4),
                    Arbitraries.of(true, false))
                .as(
                    (m, weak) -> {
                      AmfDictionary dictionary = new AmfDictionary(weak);
                      dictionary.putAll(m);
                      return dictionary;
                    })));
  }

  private static AmfVector vector(AmfVector.Type type, boolean fixed, List<?> elements) {
    AmfVector vector = new AmfVector(type, fixed, "");
    vector.addAll(elements);
    return vector;
  }

  private static <M extends Map<String, Object>> M fill(M map, Map<String, Object> members) {
    map.putAll(members);
    return map;
  }
}
