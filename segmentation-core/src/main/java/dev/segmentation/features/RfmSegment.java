package dev.segmentation.features;

/**
 * Named RFM customer segments in the style of the R package {@code rfm} (Hebbali), plus {@link #OTHERS} for
 * score combinations no rule names. The score rules that assign them are {@link RfmSegmentRule#defaults()}.
 */
public enum RfmSegment {
    /** Bought recently, buy often and spend the most. */
    CHAMPIONS("Champions"),
    /** Spend good money and buy regularly. */
    LOYAL_CUSTOMERS("Loyal Customers"),
    /** Recent customers who spent a good amount and bought more than once. */
    POTENTIAL_LOYALIST("Potential Loyalist"),
    /** Bought recently, but not often. */
    NEW_CUSTOMERS("New Customers"),
    /** Recent shoppers who have not bought often yet but spent well. */
    PROMISING("Promising"),
    /** Above-average value and frequency, but not recent. */
    NEED_ATTENTION("Need Attention"),
    /** Below-average recency, frequency and value. */
    ABOUT_TO_SLEEP("About To Sleep"),
    /** Spent big and bought often, but long ago. */
    AT_RISK("At Risk"),
    /** Made big purchases often, but long ago. */
    CANT_LOSE_THEM("Can't Lose Them"),
    /** Bought long ago, more than rarely, for low amounts. */
    HIBERNATING("Hibernating"),
    /** Bought long ago and rarely. */
    LOST("Lost"),
    /** No rule matched the scores. */
    OTHERS("Others");

    private final String displayName;

    RfmSegment(String displayName) {
        this.displayName = displayName;
    }

    /** The human-readable name, e.g. {@code "Can't Lose Them"}. */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
