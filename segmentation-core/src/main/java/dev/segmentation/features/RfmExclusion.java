package dev.segmentation.features;

/**
 * Why {@link Rfm} did not count a row as a purchase line. A row gets the first reason that applies, in declaration
 * order, so every non-purchase row is counted exactly once.
 */
public enum RfmExclusion {
    /** The row belongs to an order the caller flagged as cancelled ({@link Rfm.Builder#cancelledOrders}). */
    CANCELLED_ORDER,
    /** The quantity is negative (a return). */
    NEGATIVE_QUANTITY,
    /** The quantity is zero. */
    ZERO_QUANTITY,
    /** The quantity is positive but the amount is zero or negative (free items, price adjustments). */
    NON_POSITIVE_AMOUNT;

    /** True for the reasons that make a row a return line, which {@link ReturnsPolicy#NET} nets into monetary. */
    public boolean isReturn() {
        return this == CANCELLED_ORDER || this == NEGATIVE_QUANTITY;
    }
}
