package io.omniprep.wds.format;

/**
 * Where one member landed in a tar stream.
 *
 * @param name the member name
 * @param headerOffset offset of the member's first header block; this is the PAX extended header
 *     when one precedes the member, i.e. the value energon's {@code .tar.idx} stores for the first
 *     member of a sample
 * @param dataOffset offset of the first data byte (energon's {@code content_byte_offset})
 * @param size number of data bytes, excluding padding
 */
public record TarMember(String name, long headerOffset, long dataOffset, long size) {}
