package org.nimbusmedia.rtmp.amf;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@link AmfLimits} promise about a decoded value graph, checked by the fuzz tests: no
 * string, XML text or byte array longer than {@link AmfLimits#maxStringLength()}, and no more
 * container members in the whole message than {@link AmfLimits#maxElements()} (each member is a
 * value the decoder read and counted). References make the graph a DAG or a cycle, so every
 * container is visited once, without recursion.
 */
public final class DecodedBounds {

  private final AmfLimits limits;
  private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Deque<Object> pending = new ArrayDeque<>();
  private long members;

  private DecodedBounds(AmfLimits limits) {
    this.limits = limits;
  }

  /**
   * Checks the values of one decoded message.
   *
   * @throws AssertionError naming the first bound that does not hold
   */
  public static void check(List<?> values, AmfLimits limits) {
    DecodedBounds bounds = new DecodedBounds(limits);
    bounds.visit(values);
    while (!bounds.pending.isEmpty()) {
      bounds.expand(bounds.pending.pop());
    }
  }

  private void visit(Object value) {
    if (value instanceof String s) {
      requireLength(s.length(), "string");
    } else if (value instanceof AmfXml xml) {
      requireLength(xml.xml().length(), "XML");
    } else if (value instanceof AmfXmlDocument xml) {
      requireLength(xml.xml().length(), "XML document");
    } else if (value instanceof AmfByteArray bytes) {
      requireLength(bytes.length(), "byte array");
    } else if (value instanceof AmfObjectProxy proxy) {
      visit(proxy.target());
    } else if ((value instanceof Map<?, ?> || value instanceof Collection<?>) && seen.add(value)) {
      pending.push(value);
    }
  }

  private void expand(Object container) {
    if (container instanceof AmfEcmaArray ecma) {
      count(ecma.dense().size());
      ecma.dense().forEach(this::visit);
    }
    if (container instanceof Map<?, ?> map) {
      count(map.size());
      map.forEach(
          (key, value) -> {
            visit(key);
            visit(value);
          });
    } else if (container instanceof Collection<?> list) {
      count(list.size());
      list.forEach(this::visit);
    }
  }

  private void count(int n) {
    members += n;
    if (members > limits.maxElements()) {
      throw new AssertionError(
          "decoded " + members + " members, limit " + limits.maxElements() + " per message");
    }
  }

  private void requireLength(int length, String what) {
    if (length > limits.maxStringLength()) {
      throw new AssertionError(
          "decoded " + what + " of " + length + " chars, limit " + limits.maxStringLength());
    }
  }
}
