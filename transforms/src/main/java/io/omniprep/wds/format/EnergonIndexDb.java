package io.omniprep.wds.format;

import io.omniprep.util.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Energon 7's {@code .nv-meta/index.sqlite}, as {@code energon prepare} makes it (Energon 7.4.0,
 * {@code flavors/webdataset/indexing.py} {@code SqliteIndexWriter}: the tables at lines 99-145,
 * the indexes at lines 252-264; the rows at {@code prepare.py} lines 314-376), built from the rows
 * the shard writers recorded ({@link EnergonIndexRows}):
 *
 * <ul>
 *   <li>{@code samples(tar_file_id INTEGER NOT NULL, sample_key TEXT NOT NULL UNIQUE, sample_index
 *       INTEGER NOT NULL, byte_offset INTEGER, byte_size INTEGER)}: one row per sample;
 *       {@code tar_file_id} is the shard's position among {@code .info.json}'s {@code
 *       shard_counts}, {@code sample_index} the sample's position in its shard;
 *   <li>{@code sample_parts(tar_file_id, sample_index, part_name TEXT, content_byte_offset,
 *       content_byte_size)}: one row per member, offset and size of its data;
 *   <li>{@code media_metadata(entry_key TEXT PRIMARY KEY, metadata_type TEXT NOT NULL,
 *       metadata_json TEXT NOT NULL)} with {@code entry_key} = {@code KEY.PART}, and {@code
 *       media_filters(filter_id INTEGER PRIMARY KEY AUTOINCREMENT, strategy TEXT NOT NULL, patterns
 *       TEXT, created_at_utc TEXT DEFAULT CURRENT_TIMESTAMP, UNIQUE(strategy, patterns))} with the
 *       one row {@code prepare --media-metadata-by-extension} leaves ({@code EXTENSION}, empty
 *       patterns), except that {@code created_at_utc} is NULL: a build time would make the file
 *       differ on every run, and nothing in Energon reads it;
 *   <li>indexes {@code idx_samples_by_tar_and_idx}, {@code idx_sample_parts_seq}, {@code
 *       idx_sample_parts_full}, created after the rows as Energon does.
 * </ul>
 *
 * <p>All rows go in one transaction through batched prepared statements, without a rollback
 * journal or syncs (a failed build is discarded whole: it is written to a temporary file). Given
 * the same rows in the same order, the file is byte-identical from run to run (for one SQLite
 * version): SQLite lays out pages deterministically and nothing time-dependent is stored.
 *
 * <p>{@link #uuid()} is {@code index.uuid}'s content. Energon's prepare writes a random {@code
 * uuid4} whenever it rewrites the index; Energon only reads it back as text, hashed into the
 * cache name of a join's index ({@code metadataset/join_dataset_loader.py} lines 379-431), so it
 * must change whenever what a join index records could change. Ours is deterministic, as every
 * output byte must be: a name-based (version 3) UUID of a SHA-256 over every shard name and count,
 * every row, and the split assignment; the same dataset always gets the same uuid, a different one
 * (other shards, samples, offsets or splits) another.
 */
public final class EnergonIndexDb implements AutoCloseable {
  private static final int BATCH = 4096;
  private final Connection db;
  private final PreparedStatement samples;
  private final PreparedStatement parts;
  private final PreparedStatement media;
  private final MessageDigest digest;
  private int pending;
  private int tarFileId;
  private long sampleCount;
  private long partCount;
  private long mediaCount;
  private boolean finished;

  /** Thrown when two samples share a key: Energon refuses such a dataset's index as well. */
  public static final class DuplicateKeyException extends IOException {
    DuplicateKeyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Starts a new database at {@code file}, which must not exist. */
  public EnergonIndexDb(Path file) throws IOException {
    if (Files.exists(file)) {
      throw new IOException("already exists: " + file);
    }
    digest = Sha256.newDigest();
    digest.update("omniprep energon index 1\0".getBytes(StandardCharsets.UTF_8));
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.OFF);
    config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
    config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    try {
      db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      db.setAutoCommit(false);
      try (Statement s = db.createStatement()) {
        s.execute("CREATE TABLE samples (tar_file_id INTEGER NOT NULL, sample_key TEXT NOT NULL UNIQUE, "
            + "sample_index INTEGER NOT NULL, byte_offset INTEGER, byte_size INTEGER)");
        s.execute("CREATE TABLE sample_parts (tar_file_id INTEGER, sample_index INTEGER, part_name TEXT, "
            + "content_byte_offset INTEGER, content_byte_size INTEGER)");
        s.execute("CREATE TABLE media_metadata (entry_key TEXT PRIMARY KEY, metadata_type TEXT NOT NULL, "
            + "metadata_json TEXT NOT NULL)");
        s.execute("CREATE TABLE media_filters (filter_id INTEGER PRIMARY KEY AUTOINCREMENT, strategy TEXT NOT NULL, "
            + "patterns TEXT, created_at_utc TEXT DEFAULT CURRENT_TIMESTAMP, UNIQUE(strategy, patterns))");
      }
      samples = db.prepareStatement(
          "INSERT INTO samples (tar_file_id, sample_key, sample_index, byte_offset, byte_size) VALUES (?, ?, ?, ?, ?)");
      parts = db.prepareStatement(
          "INSERT INTO sample_parts (tar_file_id, sample_index, part_name, content_byte_offset, content_byte_size) "
              + "VALUES (?, ?, ?, ?, ?)");
      media = db.prepareStatement("INSERT INTO media_metadata (entry_key, metadata_type, metadata_json) VALUES (?, ?, ?)");
    } catch (SQLException e) {
      throw new IOException("cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Adds the next shard ({@code tar_file_id} counts up from 0 in call order, which must be {@code
   * .info.json}'s order) with its rows.
   */
  public void addShard(String name, List<EnergonIndexRows.Sample> rows) throws IOException {
    int id = tarFileId++;
    text("shard", name);
    text("count", Integer.toString(rows.size()));
    try {
      for (int index = 0; index < rows.size(); index++) {
        EnergonIndexRows.Sample s = rows.get(index);
        text("key", s.key());
        text("at", s.byteOffset() + "+" + s.byteSize());
        samples.setInt(1, id);
        samples.setString(2, s.key());
        samples.setInt(3, index);
        samples.setLong(4, s.byteOffset());
        samples.setLong(5, s.byteSize());
        samples.addBatch();
        sampleCount++;
        for (EnergonIndexRows.Part p : s.parts()) {
          text("part", p.name());
          text("at", p.dataOffset() + "+" + p.size());
          parts.setInt(1, id);
          parts.setInt(2, index);
          parts.setString(3, p.name());
          parts.setLong(4, p.dataOffset());
          parts.setLong(5, p.size());
          parts.addBatch();
          partCount++;
          if (p.media() != null) {
            text("media", p.media().type());
            text("json", p.media().json());
            media.setString(1, s.key() + "." + p.name());
            media.setString(2, p.media().type());
            media.setString(3, p.media().json());
            media.addBatch();
            mediaCount++;
          }
          pending++;
        }
        if (++pending >= BATCH) {
          flush();
        }
      }
      flush(); // per shard, so that a duplicate key is reported with its shard
    } catch (SQLException e) {
      if (e instanceof SQLiteException se && (se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
          || se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
        throw new DuplicateKeyException("a sample key of shard " + name + " is also used by another sample: " + e.getMessage(), e);
      }
      throw new IOException("index.sqlite: " + e.getMessage(), e);
    }
  }

  private void flush() throws SQLException {
    if (pending > 0) {
      samples.executeBatch();
      parts.executeBatch();
      media.executeBatch();
      pending = 0;
    }
  }

  /** Folds the split assignment ({@code split.yaml}'s text) into {@link #uuid()}. */
  public void addSplits(String splitYaml) {
    text("splits", splitYaml);
  }

  private void text(String field, String value) {
    digest.update(field.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(value.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  /** Creates the indexes, records the media filter and commits; {@link #uuid()} is final after this. */
  public void finish() throws IOException {
    try {
      flush();
      try (Statement s = db.createStatement()) {
        s.execute("INSERT INTO media_filters (strategy, patterns, created_at_utc) VALUES ('EXTENSION', '', NULL)");
        s.execute("CREATE INDEX idx_samples_by_tar_and_idx ON samples(tar_file_id, sample_index)");
        s.execute("CREATE INDEX idx_sample_parts_seq ON sample_parts(tar_file_id, sample_index, content_byte_offset)");
        s.execute("CREATE INDEX idx_sample_parts_full ON sample_parts(tar_file_id, sample_index, part_name, "
            + "content_byte_offset, content_byte_size)");
      }
      db.commit();
      finished = true;
    } catch (SQLException e) {
      throw new IOException("index.sqlite: " + e.getMessage(), e);
    }
  }

  /** {@code index.uuid}'s text: a name-based UUID of everything the index holds; see the class comment. */
  public String uuid() {
    if (!finished) {
      throw new IllegalStateException("finish() first");
    }
    try {
      return UUID.nameUUIDFromBytes(((MessageDigest) digest.clone()).digest()).toString();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  public long samples() {
    return sampleCount;
  }

  public long parts() {
    return partCount;
  }

  public long mediaRows() {
    return mediaCount;
  }

  @Override
  public void close() throws IOException {
    try {
      samples.close();
      parts.close();
      media.close();
      db.close();
    } catch (SQLException e) {
      throw new IOException("index.sqlite: " + e.getMessage(), e);
    }
  }
}
