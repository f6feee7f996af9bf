package io.omniprep.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Finds the top-level records of a JSON array, of concatenated JSON values, or of JSON Lines,
 * streaming, with their byte offsets.
 *
 * <p>Written by hand rather than with Jackson's streaming parser on purpose: Jackson stops at the
 * first syntax error, which would lose every record after one malformed one. This scanner only
 * tracks strings, escapes and bracket nesting, so a record with a syntax error (a missing comma, an
 * unquoted key, a mismatched bracket) is still cut out on its own and reported, while its
 * neighbours parse normally. A record whose brackets never close swallows the rest of the file into
 * one malformed record, which is reported, never silently dropped. Each record's text is then
 * parsed by Jackson.
 *
 * <p>A scanner can start at offset 0 or at the first byte of any record found by an earlier scan,
 * which is how one large file is read by many workers.
 */
public final class JsonRecordScanner {
  /** How records are laid out in the file. */
  public enum Layout {
    /** {@code [ {...}, {...} ]}. */
    ARRAY,
    /** {@code {...} {...}} with any whitespace between (a single object is one record). */
    CONCATENATED,
    /** One record per non-blank line. */
    LINES
  }

  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private final Layout layout;
  private final boolean captureText;
  private final byte[] buffer = new byte[BUFFER];
  private int bufferPos;
  private int bufferLimit;
  private long offset;
  private boolean arrayOpened;
  private boolean finished;

  private byte[] text = new byte[1024];
  private int textLength;
  private long recordStart;
  private long recordEnd;
  private long lineNumber;
  private long recordLine;

  /**
   * @param in the file's bytes from {@code startOffset} on
   * @param startOffset 0, or the first byte of a record found by an earlier scan of the same file
   * @param startLine the 1-based line number at {@code startOffset}
   * @param captureText false to find boundaries only (cheaper)
   */
  public JsonRecordScanner(InputStream in, Layout layout, long startOffset, long startLine, boolean captureText) {
    this.in = in;
    this.layout = layout;
    this.offset = startOffset;
    this.lineNumber = startLine;
    this.captureText = captureText;
    this.arrayOpened = layout != Layout.ARRAY || startOffset > 0;
  }

  /** Moves to the next record; false at the end of the input (or of the array). */
  public boolean next() throws IOException {
    textLength = 0;
    if (finished) {
      return false;
    }
    if (layout == Layout.LINES) {
      return nextLine();
    }
    int b = skipSeparators();
    if (b < 0) {
      finished = true;
      return false;
    }
    if (!arrayOpened) {
      arrayOpened = true;
      if (b == '[') {
        consume();
        return next();
      }
      // Not an array after all: whatever is here is reported as one malformed record below.
    } else if (layout == Layout.ARRAY && b == ']') {
      consume();
      finished = true;
      if (skipSeparators() >= 0) {
        // Trailing content after the closing bracket is reported, not ignored.
        finished = false;
        arrayOpened = true;
        return scanValue(true);
      }
      return false;
    }
    return scanValue(false);
  }

  private boolean scanValue(boolean toEnd) throws IOException {
    recordStart = offset;
    recordLine = lineNumber;
    if (toEnd) {
      while (peek() >= 0) {
        take();
      }
      recordEnd = offset;
      finished = true;
      return true;
    }
    int first = peek();
    if (first == '{' || first == '[') {
      scanContainer();
    } else if (first == '"') {
      take();
      scanStringBody();
    } else {
      // A bare scalar (number, true, null, garbage): up to the next separator.
      while (true) {
        int c = peek();
        if (c < 0 || c == ',' || c == ']' || c == '}' || c == '{' || c == '[' || isSpace(c)) {
          break;
        }
        take();
      }
      if (offset == recordStart) {
        take(); // a lone '}' or similar: one byte, reported as malformed
      }
    }
    recordEnd = offset;
    return true;
  }

  /** Scans a { } or [ ] value, tolerating mismatched closers (they close back to their opener). */
  private void scanContainer() throws IOException {
    byte[] stack = new byte[16];
    int depth = 0;
    while (true) {
      int c = take();
      if (c < 0) {
        return; // unterminated: the record runs to the end of the input
      }
      if (c == '"') {
        scanStringBody();
      } else if (c == '{' || c == '[') {
        if (depth == stack.length) {
          stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = (byte) c;
      } else if (c == '}' || c == ']') {
        byte opener = (byte) (c == '}' ? '{' : '[');
        int match = depth - 1;
        while (match >= 0 && stack[match] != opener) {
          match--;
        }
        depth = match >= 0 ? match : depth - 1;
        if (depth <= 0) {
          return;
        }
      }
    }
  }

  private void scanStringBody() throws IOException {
    while (true) {
      if (!captureText) {
        skipPlainStringBytes();
      }
      int c = take();
      if (c < 0 || c == '"') {
        return;
      }
      if (c == '\\') {
        take();
      } else if (c == '\n') {
        return; // JSON strings cannot span lines: stop the damage at the line end
      }
    }
  }

  /**
   * Runs over the string bytes in the buffer up to the next quote, backslash or line end at once:
   * finding boundaries, the scanner sees most of a file's bytes here, and one call per byte was
   * most of its time. No line end is passed, so the line count stays right.
   */
  private void skipPlainStringBytes() {
    int i = bufferPos;
    while (i < bufferLimit && buffer[i] != '"' && buffer[i] != '\\' && buffer[i] != '\n') {
      i++;
    }
    offset += i - bufferPos;
    bufferPos = i;
  }

  private boolean nextLine() throws IOException {
    while (true) {
      int c = peek();
      if (c < 0) {
        finished = true;
        return false;
      }
      recordStart = offset;
      recordLine = lineNumber;
      boolean blank = true;
      while ((c = peek()) >= 0 && c != '\n') {
        take();
        if (!isSpace(c) && !(c == 0xEF || c == 0xBB || c == 0xBF)) {
          blank = false;
        }
      }
      recordEnd = offset;
      if (c == '\n') {
        consume(); // the newline ends the record, it is not part of it
      }
      if (!blank) {
        return true;
      }
      textLength = 0;
    }
  }

  /** Skips whitespace, commas between records and a UTF-8 byte order mark; returns the next byte. */
  private int skipSeparators() throws IOException {
    while (true) {
      int c = peek();
      if (c < 0) {
        return c;
      }
      if (isSpace(c) || c == ',' || (offset < 3 && (c == 0xEF || c == 0xBB || c == 0xBF))) {
        consume();
      } else {
        return c;
      }
    }
  }

  private static boolean isSpace(int c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private int peek() throws IOException {
    if (bufferPos == bufferLimit) {
      bufferLimit = in.read(buffer, 0, buffer.length);
      bufferPos = 0;
      if (bufferLimit <= 0) {
        bufferLimit = 0;
        return -1;
      }
    }
    return buffer[bufferPos] & 0xff;
  }

  /** Advances past the current byte without capturing it. */
  private void consume() throws IOException {
    int c = peek();
    if (c >= 0) {
      bufferPos++;
      offset++;
      if (c == '\n') {
        lineNumber++;
      }
    }
  }

  /** Advances past the current byte, capturing it into the record text. */
  private int take() throws IOException {
    int c = peek();
    if (c < 0) {
      return c;
    }
    if (captureText) {
      if (textLength == text.length) {
        text = Arrays.copyOf(text, text.length * 2);
      }
      text[textLength++] = (byte) c;
    }
    bufferPos++;
    offset++;
    if (c == '\n') {
      lineNumber++;
    }
    return c;
  }

  /** Offset of the record's first byte. */
  public long recordStart() {
    return recordStart;
  }

  /** Offset just past the record's last byte. */
  public long recordEnd() {
    return recordEnd;
  }

  /** 1-based line number of the record's first byte. */
  public long recordLine() {
    return recordLine;
  }

  /** The record's bytes (only when capturing); valid until the next call to {@link #next()}. */
  public byte[] textBuffer() {
    return text;
  }

  public int textLength() {
    return textLength;
  }

  /** Offset of the next unread byte. */
  public long offset() {
    return offset;
  }

  /** 1-based line number at {@link #offset()}. */
  public long line() {
    return lineNumber;
  }
}
