package org.nimbusmedia.scripting.amf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.nimbusmedia.rtmp.amf.AmfByteArray;
import org.nimbusmedia.rtmp.amf.AmfDate;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.AmfUndefined;

/** AMF values to script values and back (AMF0 spec sections 2.x, AMF3 spec sections 3.x). */
class AmfConverterTest {

  private Context cx;
  private Scriptable scope;
  private ClassRegistry classes;
  private AmfConverter converter;

  @BeforeEach
  void enter() {
    cx = Context.enter();
    cx.setOptimizationLevel(-1);
    scope = cx.initSafeStandardObjects();
    classes = new ClassRegistry();
    converter = new AmfConverter(scope, classes);
  }

  @AfterEach
  void exit() {
    Context.exit();
  }

  private Object eval(String source) {
    return cx.evaluateString(scope, source, "test", 1, null);
  }

  /** Puts an AMF value into the scope as {@code v} after converting it. */
  private void bind(Object amf) {
    ScriptableObject.putProperty(scope, "v", converter.toScript(cx, amf));
  }

  private Object roundTrip(Object amf) {
    return converter.toAmf(converter.toScript(cx, amf));
  }

  @Test
  void scalarsRoundTripAndUndefinedStaysDistinctFromNull() {
    assertNull(roundTrip(null));
    assertSame(AmfUndefined.INSTANCE, roundTrip(AmfUndefined.INSTANCE));
    assertEquals(true, roundTrip(true));
    assertEquals("text", roundTrip("text"));
    assertEquals(3.5, roundTrip(3.5));
    assertEquals(7.0, roundTrip(7), "an AMF3 integer is a number to scripts");
    bind(AmfUndefined.INSTANCE);
    assertEquals("undefined", eval("typeof v"));
    bind(null);
    assertEquals("object", eval("typeof v"));
  }

  @Test
  void anonymousObjectsKeepTheirMembers() {
    AmfObject value = AmfObject.of("name", "alice", "age", 30.0, "nested", AmfObject.of("x", 1.0));

    assertEquals(value, roundTrip(value));
    bind(value);
    assertEquals("alice/1", eval("v.name + '/' + v.nested.x"));
  }

  @Test
  void typedObjectsTakeTheRegisteredPrototypeAndGoBackTyped() {
    eval(
        "function Point(x, y) { this.x = x; this.y = y; }"
            + "Point.prototype.length = function() { return Math.sqrt(this.x*this.x+this.y*this.y); };");
    classes.register("geo.Point", (Function) ScriptableObject.getProperty(scope, "Point"));
    bind(AmfObject.typed("geo.Point", "x", 3.0, "y", 4.0));

    assertEquals(5.0, Context.toNumber(eval("v.length()")));
    assertEquals(true, eval("v instanceof Point"));
    assertEquals(
        AmfObject.typed("geo.Point", "x", 6.0, "y", 8.0), converter.toAmf(eval("new Point(6, 8)")));
  }

  @Test
  void unregisteredClassesArriveAsPlainObjects() {
    bind(AmfObject.typed("not.Registered", "a", 1.0));

    assertEquals(AmfObject.of("a", 1.0), converter.toAmf(eval("v")));
  }

  @Test
  void strictArraysBecomeArraysAndDenseArraysGoBackStrict() {
    List<Object> value = new ArrayList<>(Arrays.asList(1.0, "two", null, AmfUndefined.INSTANCE));

    assertEquals(value, roundTrip(value));
    bind(value);
    assertEquals(4.0, Context.toNumber(eval("v.length")));
    assertEquals(List.of(1.0, 2.0), converter.toAmf(eval("[1, 2]")));
  }

  @Test
  void arraysWithHolesOrNamedMembersGoBackAsEcmaArrays() {
    AmfEcmaArray holes =
        (AmfEcmaArray) converter.toAmf(eval("var a = []; a[0] = 'x'; a[5] = 'y'; a"));
    assertEquals(AmfEcmaArray.of("0", "x", "5", "y"), holes);

    AmfEcmaArray named = (AmfEcmaArray) converter.toAmf(eval("var b = [1]; b.label = 'L'; b"));
    assertEquals(AmfEcmaArray.of("0", 1.0, "label", "L"), named);
  }

  @Test
  void ecmaArraysBecomeArraysWithIndexesAndNamedMembers() {
    AmfEcmaArray value = AmfEcmaArray.of("0", "zero", "1", "one", "title", "t");
    bind(value);

    assertEquals("2 zero one t", eval("v.length + ' ' + v[0] + ' ' + v[1] + ' ' + v.title"));
    assertEquals(value, converter.toAmf(eval("v")));
  }

  @Test
  void ecmaArrayDensePartComesFirst() {
    AmfEcmaArray value = new AmfEcmaArray();
    value.dense().addAll(List.of("a", "b"));
    value.put("k", "v");
    bind(value);

    assertEquals("a,b v", eval("v.join(',') + ' ' + v.k"));
  }

  @Test
  void datesRoundTrip() {
    AmfDate date = new AmfDate(1_290_000_000_000.0);
    bind(date);

    assertEquals(2010.0, Context.toNumber(eval("v.getUTCFullYear()")));
    assertEquals(date, roundTrip(date));
  }

  @Test
  void byteArraysAreReadableAndRoundTrip() {
    AmfByteArray bytes = new AmfByteArray(new byte[] {1, (byte) 0xFF, 3});
    bind(bytes);

    assertEquals("3 255", eval("v.length + ' ' + v[1]"));
    assertSame(bytes, converter.toAmf(eval("v")));
  }

  @Test
  void functionsAreLeftOutAndCyclesBecomeNull() {
    AmfObject value =
        (AmfObject) converter.toAmf(eval("var o = {a: 1, f: function() {}}; o.self = o; o"));

    assertEquals(AmfObject.of("a", 1.0, "self", null), value);
    assertSame(AmfUndefined.INSTANCE, converter.toAmf(Undefined.instance));
  }

  @Test
  void sharedSubObjectsAreNotMistakenForCycles() {
    AmfObject value = (AmfObject) converter.toAmf(eval("var s = {n: 1}; ({a: s, b: s})"));

    assertEquals(AmfObject.of("a", AmfObject.of("n", 1.0), "b", AmfObject.of("n", 1.0)), value);
    assertInstanceOf(AmfObject.class, value.get("b"));
  }
}
