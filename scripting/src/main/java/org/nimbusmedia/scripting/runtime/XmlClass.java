package org.nimbusmedia.scripting.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The ActionScript 1 {@code XML} and {@code XMLNode} classes (FMS 4 SSASLR, XML class): the node
 * tree and its methods are script code ({@code xml.js}), parsing is done here with the JDK parser,
 * with DTDs and external entities refused. {@link HttpLoading} adds {@code load}, {@code send} and
 * {@code sendAndLoad}. {@code status} is 0 on success and -1 otherwise (a simplification of the
 * Flash Player error codes).
 */
public final class XmlClass {

  private static final String SOURCE = readSource();

  private XmlClass() {}

  public static void define(Context cx, Scriptable scope) {
    Function install = (Function) cx.evaluateString(scope, SOURCE, "nimbus:xml.js", 1, null);
    Function parse =
        Functions.function(
            scope,
            "parseXml",
            2,
            (c, s, thisObj, args) ->
                parse(c, scope, Context.toString(args[0]), Context.toBoolean(args[1])));
    install.call(cx, scope, scope, new Object[] {parse});
  }

  private static Scriptable parse(Context cx, Scriptable scope, String text, boolean ignoreWhite) {
    Scriptable result = cx.newObject(scope);
    List<Object> children = new ArrayList<>();
    try {
      // Wrapped in a root element so that text, several elements and no element all parse.
      Document document =
          builder()
              .parse(
                  new InputSource(
                      new StringReader("<nimbus-root>" + strip(text) + "</nimbus-root>")));
      for (Node child = document.getDocumentElement().getFirstChild();
          child != null;
          child = child.getNextSibling()) {
        Object record = record(cx, scope, child, ignoreWhite);
        if (record != null) {
          children.add(record);
        }
      }
      ScriptableObject.putProperty(result, "status", 0);
    } catch (SAXException | IOException e) {
      ScriptableObject.putProperty(result, "status", -1);
    }
    ScriptableObject.putProperty(result, "children", cx.newArray(scope, children.toArray()));
    return result;
  }

  /** Drops an XML declaration, which may not appear inside the wrapping root element. */
  private static String strip(String text) {
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("<?xml")) {
      int end = trimmed.indexOf("?>");
      return end < 0 ? trimmed : trimmed.substring(end + 2);
    }
    return text;
  }

  private static Object record(Context cx, Scriptable scope, Node node, boolean ignoreWhite) {
    Scriptable record = cx.newObject(scope);
    switch (node.getNodeType()) {
      case Node.ELEMENT_NODE -> {
        ScriptableObject.putProperty(record, "type", 1);
        ScriptableObject.putProperty(record, "name", node.getNodeName());
        Scriptable attributes = cx.newObject(scope);
        NamedNodeMap map = node.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
          ScriptableObject.putProperty(
              attributes, map.item(i).getNodeName(), map.item(i).getNodeValue());
        }
        ScriptableObject.putProperty(record, "attributes", attributes);
        List<Object> children = new ArrayList<>();
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
          Object childRecord = record(cx, scope, child, ignoreWhite);
          if (childRecord != null) {
            children.add(childRecord);
          }
        }
        ScriptableObject.putProperty(record, "children", cx.newArray(scope, children.toArray()));
        return record;
      }
      case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
        String value = node.getNodeValue();
        if (ignoreWhite && value.isBlank()) {
          return null;
        }
        ScriptableObject.putProperty(record, "type", 3);
        ScriptableObject.putProperty(record, "value", value);
        return record;
      }
      default -> {
        return null;
      }
    }
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      factory.setXIncludeAware(false);
      factory.setCoalescing(true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
              // Warnings do not change the result; the JDK default would print them.
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser cannot be configured safely", e);
    }
  }

  private static String readSource() {
    try (InputStream in = XmlClass.class.getResourceAsStream("xml.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
