package dev.segmentation.data;

/** Why an input row was rejected. */
public enum RowProblem {
    /** The entity id is null or blank. */
    BLANK_ENTITY,
    /** The order id is null or blank. */
    BLANK_ORDER,
    /** The quantity is NaN or infinite. */
    NON_FINITE_QUANTITY,
    /** The amount is NaN or infinite. */
    NON_FINITE_AMOUNT,
    /** A named numeric attribute is NaN or infinite. */
    NON_FINITE_ATTRIBUTE,
    /** The timestamp lies outside the supported range 1900-01-01T00:00Z (inclusive) to 2200-01-01T00:00Z (exclusive). */
    IMPOSSIBLE_TIMESTAMP,
    /** A source could not parse a field (used by readers in segmentation-io). */
    UNPARSEABLE
}
