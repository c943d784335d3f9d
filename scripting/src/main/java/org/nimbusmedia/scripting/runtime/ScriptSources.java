package org.nimbusmedia.scripting.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds and reads the scripts of one application: the main script in FMS's search order, files
 * named by {@code load(file)}, and the text of every loaded line for error reports.
 */
public final class ScriptSources {

  private final Path applicationFolder;
  private final List<Path> libraryPath;
  private final Map<String, String[]> linesByName = new HashMap<>();
  private Path scriptFolder;

  public ScriptSources(Path applicationFolder, List<Path> libraryPath) {
    this.applicationFolder = applicationFolder.toAbsolutePath().normalize();
    this.libraryPath = libraryPath.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    this.scriptFolder = this.applicationFolder;
  }

  /** A script ready to compile: the name used in error reports and its text. */
  public record Source(String name, String text) {}

  /**
   * The main script: {@code scripts/main.asc}, {@code main.asc}, {@code scripts/main.js}, {@code
   * main.js}, then the same with the application's name (FCS TechNote 16518), and last a packaged
   * {@code main.far} (a zip holding {@code main.asc}, as the stock FMS 4 vod application ships).
   * Empty if the application has no script, which FMS allows.
   */
  public Optional<Path> findMain(String applicationName) {
    for (String base : List.of("main", applicationName)) {
      for (String ext : List.of(".asc", ".js")) {
        for (Path folder : List.of(applicationFolder.resolve("scripts"), applicationFolder)) {
          Path candidate = folder.resolve(base + ext);
          if (Files.isRegularFile(candidate)) {
            return Optional.of(candidate);
          }
        }
      }
    }
    Path archive = applicationFolder.resolve("main.far");
    return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
  }

  /** Reads the main script; {@code load} resolves relative to its folder from now on. */
  public Source readMain(Path mainScript) throws IOException {
    scriptFolder = mainScript.toAbsolutePath().normalize().getParent();
    if (mainScript.getFileName().toString().endsWith(".far")) {
      return readArchive(mainScript);
    }
    return read(mainScript, applicationFolder);
  }

  /**
   * The {@code main.asc} (or {@code main.js}) at the top of a {@code .far} archive; its signature
   * is ignored.
   */
  private Source readArchive(Path archive) throws IOException {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (String entryName : List.of("main.asc", "main.js")) {
        ZipEntry entry = zip.getEntry(entryName);
        if (entry != null && !entry.isDirectory()) {
          try (InputStream in = zip.getInputStream(entry)) {
            String name = archive.getFileName() + "/" + entryName;
            String text = decode(in.readAllBytes());
            linesByName.put(name, text.split("\n", -1));
            return new Source(name, text);
          }
        }
      }
    }
    throw new IOException("no main.asc in " + archive.getFileName());
  }

  /**
   * Resolves and reads the file of {@code load(file)}: relative to the main script's folder, then
   * each library folder in order. Absolute paths and {@code ..} are refused.
   *
   * @throws IllegalArgumentException with the reason when the path is refused or not found
   */
  public Source readLoaded(String file) throws IOException {
    String relative = file.replace('\\', '/');
    if (relative.isEmpty()
        || relative.startsWith("/")
        || relative.matches("^[A-Za-z]:.*")
        || List.of(relative.split("/")).contains("..")) {
      throw new IllegalArgumentException("load: path refused: " + file);
    }
    List<Path> bases = new ArrayList<>();
    bases.add(scriptFolder);
    bases.addAll(libraryPath);
    for (Path base : bases) {
      Path candidate = base.resolve(relative).normalize();
      if (candidate.startsWith(base) && Files.isRegularFile(candidate)) {
        // A symbolic link may not lead out of the folder it was found in.
        if (!candidate.toRealPath().startsWith(base.toRealPath())) {
          throw new IllegalArgumentException("load: path refused: " + file);
        }
        return read(candidate, base.equals(scriptFolder) ? applicationFolder : base);
      }
    }
    throw new IllegalArgumentException("load: file not found: " + file);
  }

  /** The text of a line of a loaded script, or an empty string. Lines count from 1. */
  public String line(String sourceName, int lineNumber) {
    String[] lines = linesByName.get(sourceName);
    if (lines == null || lineNumber < 1 || lineNumber > lines.length) {
      return "";
    }
    return lines[lineNumber - 1];
  }

  private Source read(Path file, Path namesRelativeTo) throws IOException {
    String name = namesRelativeTo.relativize(file).toString().replace('\\', '/');
    String text = decode(Files.readAllBytes(file));
    linesByName.put(name, text.split("\n", -1));
    return new Source(name, text);
  }

  /** UTF-8 with or without a byte order mark; CRLF and CR line ends become LF. */
  static String decode(byte[] bytes) throws CharacterCodingException {
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }
}
