package io.omniprep.media;

/** Image container formats told apart by their first bytes (never by file extension). */
public enum ImageFormat {
  JPEG("jpg"),
  PNG("png"),
  GIF("gif"),
  WEBP("webp"),
  BMP("bmp"),
  TIFF("tif"),
  UNKNOWN("bin");

  private final String extension;

  ImageFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  public static ImageFormat sniff(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
      return JPEG;
    }
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return PNG;
    }
    if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
      return GIF;
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      return WEBP;
    }
    if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
      return BMP;
    }
    if (b.length >= 4 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 0x2A && b[3] == 0) || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 0x2A))) {
      return TIFF;
    }
    return UNKNOWN;
  }
}
