package io.omniprep.table;

/** A row that lacks a column a step needs, or holds a value of the wrong type there. */
public final class BadRowException extends Exception {
  public BadRowException(String message) {
    super(message);
  }
}
