package dev.segmentation.data;

/**
 * What a builder or reader does with a row that breaks a rule of the data model.
 *
 * <p>{@link #FAIL} is the default: the first bad row throws an {@link IllegalArgumentException} naming the row,
 * the column and the value. {@link #SKIP} leaves the row out and counts it; the counts per {@link RowProblem}
 * and the first messages are available afterwards from {@link Transactions#rejected()}.
 */
public enum InvalidRowPolicy {
    /** Throw at the first bad row. */
    FAIL,
    /** Leave bad rows out, count them by reason and keep the first messages. */
    SKIP
}
