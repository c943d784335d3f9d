package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.arg;
import static org.nimbusmedia.scripting.runtime.Functions.define;
import static org.nimbusmedia.scripting.runtime.Functions.given;
import static org.nimbusmedia.scripting.runtime.Functions.string;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.NativeObject;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * The {@code File} class (FMS 4 SSASLR, File class), confined to the application folder: {@code new
 * File(path)} with a path relative to that folder ({@code "/"} is the folder itself); a path that
 * leaves it is refused. Members: {@code name}, {@code exists}, {@code isDirectory}, {@code isFile},
 * {@code isOpen}, {@code length}; {@code open(type, mode)} with mode {@code read}, {@code write},
 * {@code append} or {@code create}; {@code read(n)}, {@code readln()}, {@code readAll()}, {@code
 * write(...)}, {@code writeln(...)}, {@code eof()}, {@code close()}, {@code list()}, {@code
 * mkdir(name)}, {@code remove()}. Text is UTF-8; type {@code "binary"} maps bytes to characters
 * 0-255. Virtual directory mappings are not supported. File I/O blocks the instance's script
 * thread, as it did in FMS.
 */
public final class FileClass {

  private final Scriptable scope;
  private final Path root;
  private final Scriptable prototype;
  private final Set<FileObject> open = Collections.newSetFromMap(new IdentityHashMap<>());

  public FileClass(Context cx, Scriptable scope, Path applicationFolder) {
    this.scope = scope;
    this.root = applicationFolder.toAbsolutePath().normalize();
    this.prototype = cx.newObject(scope);
    HostClass.define(scope, "File", prototype, args -> create(resolve(string(args, 0))));
    defineMethods();
  }

  /** Closes every file the script left open; the instance is unloading. */
  public void closeAll() {
    open.forEach(FileObject::close);
    open.clear();
  }

  private Path resolve(String path) {
    String relative = path.replace('\\', '/');
    while (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    Path resolved = root.resolve(relative).normalize();
    if (!resolved.startsWith(root) || linksOutside(resolved)) {
      throw Functions.error("File: path outside the application folder: " + path);
    }
    return resolved;
  }

  /** Whether an existing path reaches outside the folder through a symbolic link. */
  private boolean linksOutside(Path path) {
    try {
      return Files.exists(path) && !path.toRealPath().startsWith(root.toRealPath());
    } catch (IOException e) {
      return true;
    }
  }

  private FileObject create(Path path) {
    FileObject file = new FileObject(path);
    file.setParentScope(scope);
    file.setPrototype(prototype);
    String name = root.relativize(path).toString().replace('\\', '/');
    file.defineProperty("name", () -> name, null, ScriptableObject.READONLY);
    file.defineProperty("exists", () -> Files.exists(path), null, ScriptableObject.READONLY);
    file.defineProperty(
        "isDirectory", () -> Files.isDirectory(path), null, ScriptableObject.READONLY);
    file.defineProperty("isFile", () -> Files.isRegularFile(path), null, ScriptableObject.READONLY);
    file.defineProperty("isOpen", file::isOpen, null, ScriptableObject.READONLY);
    file.defineProperty("length", () -> length(path), null, ScriptableObject.READONLY);
    return file;
  }

  private static Object length(Path path) {
    try {
      return Files.isRegularFile(path) ? (double) Files.size(path) : 0.0;
    } catch (IOException e) {
      return 0.0;
    }
  }

  private void defineMethods() {
    define(
        scope,
        prototype,
        "open",
        2,
        (c, s, thisObj, args) -> {
          FileObject file = file(thisObj);
          boolean opened = file.open(given(args, 0) ? string(args, 0) : "text", string(args, 1));
          if (opened) {
            open.add(file);
          }
          return opened;
        });
    define(
        scope,
        prototype,
        "close",
        0,
        (c, s, thisObj, args) -> {
          FileObject file = file(thisObj);
          open.remove(file);
          return file.close();
        });
    define(scope, prototype, "eof", 0, (c, s, thisObj, args) -> file(thisObj).eof());
    define(scope, prototype, "readln", 0, (c, s, thisObj, args) -> file(thisObj).readLine());
    define(
        scope,
        prototype,
        "read",
        1,
        (c, s, thisObj, args) -> file(thisObj).read((int) Context.toNumber(arg(args, 0))));
    define(
        scope,
        prototype,
        "readAll",
        0,
        (c, s, thisObj, args) -> {
          FileObject file = file(thisObj);
          List<Object> lines = new ArrayList<>();
          for (Object line = file.readLine(); line != null; line = file.readLine()) {
            lines.add(line);
          }
          return c.newArray(scope, lines.toArray());
        });
    define(
        scope,
        prototype,
        "write",
        1,
        (c, s, thisObj, args) -> file(thisObj).write(join(args), false));
    define(
        scope,
        prototype,
        "writeln",
        1,
        (c, s, thisObj, args) -> file(thisObj).write(join(args), true));
    define(
        scope,
        prototype,
        "list",
        0,
        (c, s, thisObj, args) -> {
          Path path = file(thisObj).path;
          if (!Files.isDirectory(path)) {
            return null;
          }
          try (Stream<Path> children = Files.list(path)) {
            return c.newArray(scope, children.sorted().map(this::create).toArray());
          } catch (IOException e) {
            return null;
          }
        });
    define(
        scope,
        prototype,
        "mkdir",
        1,
        (c, s, thisObj, args) -> {
          Path parent = file(thisObj).path;
          Path child = parent.resolve(string(args, 0)).normalize();
          if (!child.startsWith(root) || !child.getParent().equals(parent)) {
            throw Functions.error("File.mkdir: bad name: " + string(args, 0));
          }
          try {
            Files.createDirectory(child);
            return true;
          } catch (IOException e) {
            return false;
          }
        });
    define(
        scope,
        prototype,
        "remove",
        0,
        (c, s, thisObj, args) -> {
          FileObject file = file(thisObj);
          if (file.isOpen() || file.path.equals(root)) {
            return false;
          }
          try {
            return Files.deleteIfExists(file.path);
          } catch (IOException e) {
            return false;
          }
        });
    define(
        scope,
        prototype,
        "toString",
        0,
        (c, s, thisObj, args) -> ScriptableObject.getProperty(file(thisObj), "name"));
  }

  private static String join(Object[] args) {
    StringBuilder text = new StringBuilder();
    for (Object arg : args) {
      text.append(Context.toString(arg));
    }
    return text.toString();
  }

  private static FileObject file(Scriptable thisObj) {
    if (thisObj instanceof FileObject file) {
      return file;
    }
    throw Functions.error("method called on an object that is not a File");
  }

  /** One {@code File} object and its open reader or writer. */
  private static final class FileObject extends NativeObject {

    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private transient BufferedReader reader;
    private transient Writer writer;

    FileObject(Path path) {
      this.path = path;
    }

    @Override
    public String getClassName() {
      return "File";
    }

    boolean isOpen() {
      return reader != null || writer != null;
    }

    boolean open(String type, String mode) {
      if (isOpen()) {
        return false;
      }
      Charset charset =
          "binary".equals(type) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
      try {
        switch (mode) {
          case "read" -> reader = Files.newBufferedReader(path, charset);
          case "write" -> writer = Files.newBufferedWriter(path, charset);
          case "create" ->
              writer =
                  Files.newBufferedWriter(
                      path, charset, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          case "append" ->
              writer =
                  Files.newBufferedWriter(
                      path, charset, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          default -> {
            return false;
          }
        }
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    boolean close() {
      try {
        if (reader != null) {
          reader.close();
        }
        if (writer != null) {
          writer.close();
        }
        return true;
      } catch (IOException e) {
        return false;
      } finally {
        reader = null;
        writer = null;
      }
    }

    boolean eof() {
      if (reader == null) {
        return true;
      }
      try {
        reader.mark(1);
        int next = reader.read();
        reader.reset();
        return next < 0;
      } catch (IOException e) {
        return true;
      }
    }

    Object readLine() {
      if (reader == null) {
        return null;
      }
      try {
        return reader.readLine();
      } catch (IOException e) {
        return null;
      }
    }

    Object read(int count) {
      if (reader == null || count < 0) {
        return null;
      }
      try {
        char[] buffer = new char[count];
        int n = reader.read(buffer, 0, count);
        return n < 0 ? "" : new String(buffer, 0, n);
      } catch (IOException e) {
        return null;
      }
    }

    boolean write(String text, boolean newline) {
      if (writer == null) {
        return false;
      }
      try {
        writer.write(text);
        if (newline) {
          writer.write("\n");
        }
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }
}
