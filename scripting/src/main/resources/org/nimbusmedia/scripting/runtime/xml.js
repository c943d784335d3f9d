/*
 * The ActionScript 1 XML and XMLNode classes of Server-Side ActionScript (FMS 4 SSASLR, XML
 * class), without load/send. Parsing is native: __parseXml(text, ignoreWhite) returns a tree of
 * {type, name, attributes, children, value} records that this file turns into nodes.
 */
(function (parse) {
  function escapeText(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function escapeAttribute(text) {
    return escapeText(text).replace(/"/g, "&quot;");
  }

  function XMLNode(type, value) {
    this.nodeType = type;
    this.nodeName = type == 1 ? value : null;
    this.nodeValue = type == 3 ? value : null;
    this.attributes = {};
    this.childNodes = [];
    this.parentNode = null;
    this.firstChild = null;
    this.lastChild = null;
    this.previousSibling = null;
    this.nextSibling = null;
  }

  function relink(parent) {
    var kids = parent.childNodes;
    parent.firstChild = kids.length ? kids[0] : null;
    parent.lastChild = kids.length ? kids[kids.length - 1] : null;
    for (var i = 0; i < kids.length; i++) {
      kids[i].parentNode = parent;
      kids[i].previousSibling = i > 0 ? kids[i - 1] : null;
      kids[i].nextSibling = i < kids.length - 1 ? kids[i + 1] : null;
    }
  }

  XMLNode.prototype.appendChild = function (child) {
    if (child.parentNode) child.removeNode();
    this.childNodes.push(child);
    relink(this);
  };
  XMLNode.prototype.insertBefore = function (child, before) {
    if (child.parentNode) child.removeNode();
    for (var i = 0; i < this.childNodes.length; i++) {
      if (this.childNodes[i] === before) {
        this.childNodes.splice(i, 0, child);
        relink(this);
        return;
      }
    }
    this.appendChild(child);
  };
  XMLNode.prototype.removeNode = function () {
    var parent = this.parentNode;
    if (!parent) return;
    for (var i = 0; i < parent.childNodes.length; i++) {
      if (parent.childNodes[i] === this) {
        parent.childNodes.splice(i, 1);
        break;
      }
    }
    relink(parent);
    this.parentNode = this.previousSibling = this.nextSibling = null;
  };
  XMLNode.prototype.hasChildNodes = function () {
    return this.childNodes.length > 0;
  };
  XMLNode.prototype.cloneNode = function (deep) {
    var copy = new XMLNode(this.nodeType, this.nodeType == 1 ? this.nodeName : this.nodeValue);
    for (var name in this.attributes) copy.attributes[name] = this.attributes[name];
    if (deep) {
      for (var i = 0; i < this.childNodes.length; i++) {
        copy.appendChild(this.childNodes[i].cloneNode(true));
      }
    }
    return copy;
  };
  XMLNode.prototype.toString = function () {
    if (this.nodeType == 3) return escapeText(this.nodeValue);
    var inner = "";
    for (var i = 0; i < this.childNodes.length; i++) inner += this.childNodes[i].toString();
    if (this.nodeName == null) return inner;
    var open = "<" + this.nodeName;
    for (var name in this.attributes) {
      open += " " + name + "=\"" + escapeAttribute(this.attributes[name]) + "\"";
    }
    return inner.length ? open + ">" + inner + "</" + this.nodeName + ">" : open + " />";
  };

  function build(record) {
    var node = new XMLNode(record.type, record.type == 1 ? record.name : record.value);
    if (record.type == 1) {
      for (var name in record.attributes) node.attributes[name] = record.attributes[name];
      for (var i = 0; i < record.children.length; i++) node.appendChild(build(record.children[i]));
    }
    return node;
  }

  function XML(text) {
    XMLNode.call(this, 1, null);
    this.xmlDecl = undefined;
    this.docTypeDecl = undefined;
    this.status = 0;
    this.loaded = false;
    if (text !== undefined && text !== null) this.parseXML(String(text));
  }
  XML.prototype = new XMLNode(1, null);
  XML.prototype.constructor = XML;
  XML.prototype.ignoreWhite = false;
  XML.prototype.createElement = function (name) {
    return new XMLNode(1, name);
  };
  XML.prototype.createTextNode = function (value) {
    return new XMLNode(3, value);
  };
  XML.prototype.parseXML = function (text) {
    this.childNodes = [];
    var result = parse(String(text), this.ignoreWhite == true);
    this.status = result.status;
    for (var i = 0; i < result.children.length; i++) this.appendChild(build(result.children[i]));
    relink(this);
  };

  this.XMLNode = XMLNode;
  this.XML = XML;
})
