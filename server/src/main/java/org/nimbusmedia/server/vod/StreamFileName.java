package org.nimbusmedia.server.vod;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A stream name as a relative file path, the way FMS maps names to files: {@code clip} and {@code
 * flv:clip} are {@code clip.flv}; {@code mp4:clip.f4v} is {@code clip.f4v}; {@code mp4:clip} is
 * {@code clip.mp4} or {@code clip.f4v}; {@code clip.mp4} without prefix is an MP4 file too. A query
 * string ({@code ?token=x}) is not part of the file name.
 *
 * <p>Only plain relative paths pass: no leading {@code /}, no {@code .} or {@code ..} segment, no
 * empty segment, no backslash, colon, percent sign, NUL or other control character. Such names are
 * refused before any file system call, so nothing outside a storage folder can be named.
 *
 * @param format how the file is read
 * @param candidates relative paths to try, in order
 */
public record StreamFileName(Format format, List<String> candidates) {
  static final int MAX_LENGTH = 1024;
  private static final List<String> MP4_EXTENSIONS =
      List.of(".mp4", ".f4v", ".m4v", ".mov", ".m4a", ".3gp");

  /** The container a file is read as. */
  public enum Format {
    FLV,
    MP4
  }

  /** The file name for {@code requested}, or empty when it is refused. */
  public static Optional<StreamFileName> parse(String requested) {
    if (requested == null) {
      return Optional.empty();
    }
    String lower = withoutQuery(requested).toLowerCase(Locale.ROOT);
    Format format = null;
    if (lower.startsWith("mp4:") || lower.startsWith("f4v:")) {
      format = Format.MP4;
    } else if (lower.startsWith("flv:")) {
      format = Format.FLV;
    }
    String name = path(requested);
    if (!isSafeRelativePath(name)) {
      return Optional.empty();
    }
    String extension = extension(name);
    if (format == null) {
      format = MP4_EXTENSIONS.contains(extension) ? Format.MP4 : Format.FLV;
    }
    if (format == Format.FLV) {
      return Optional.of(
          new StreamFileName(format, List.of(extension.equals(".flv") ? name : name + ".flv")));
    }
    if (MP4_EXTENSIONS.contains(extension)) {
      return Optional.of(new StreamFileName(format, List.of(name)));
    }
    return Optional.of(new StreamFileName(format, List.of(name + ".mp4", name + ".f4v", name)));
  }

  /** The path a recording of {@code requested} goes to (always FLV), or empty when refused. */
  public static Optional<String> forRecording(String requested) {
    return parse(requested)
        .filter(file -> file.format() == Format.FLV)
        .map(file -> file.candidates().get(0));
  }

  /**
   * Whether {@code requested} tries to name something outside a storage folder: an absolute path, a
   * {@code ..} segment, a backslash, NUL or another control character. Such a name is refused for
   * playing and publishing whatever else it could mean.
   */
  public static boolean isEscape(Object requested) {
    if (!(requested instanceof String text)) {
      return false;
    }
    String name = path(text);
    if (name.startsWith("/") || name.indexOf('\\') >= 0) {
      return true;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7F) {
        return true;
      }
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static String withoutQuery(String requested) {
    int query = requested.indexOf('?');
    return query >= 0 ? requested.substring(0, query) : requested;
  }

  /** The path part of a stream name: no query string, no {@code mp4:}/{@code flv:} prefix. */
  private static String path(String requested) {
    String name = withoutQuery(requested);
    String lower = name.toLowerCase(Locale.ROOT);
    boolean prefixed =
        lower.startsWith("mp4:") || lower.startsWith("f4v:") || lower.startsWith("flv:");
    return prefixed ? name.substring(4) : name;
  }

  private static String extension(String name) {
    int slash = name.lastIndexOf('/');
    int dot = name.lastIndexOf('.');
    return dot > slash ? name.substring(dot).toLowerCase(Locale.ROOT) : "";
  }

  static boolean isSafeRelativePath(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH || name.startsWith("/")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7F || c == '\\' || c == ':' || c == '%') {
        return false;
      }
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
