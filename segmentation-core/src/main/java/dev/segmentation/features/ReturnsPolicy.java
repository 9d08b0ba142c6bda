package dev.segmentation.features;

/**
 * What {@link Rfm} does with <em>return lines</em>: rows with a negative quantity, and every row of an order that
 * the caller flagged as cancelled ({@link Rfm.Builder#cancelledOrders}).
 *
 * <p>Whatever the policy, only <em>purchase lines</em> (not in a cancelled order, quantity &gt; 0 and amount &gt; 0)
 * count as purchases: they alone define the purchase dates (recency, tenure) and the orders (frequency). Rows with a
 * zero quantity, and rows with a positive quantity but an amount &lt;= 0 (free items, price adjustments), are
 * neither purchases nor returns and are always excluded. See {@link Rfm} for the full definition.
 */
public enum ReturnsPolicy {
    /**
     * Return lines are left out entirely (the default): monetary is the sum of the purchase lines' amounts. This is
     * the row filter of the usual Online Retail RFM recipe (not cancelled, quantity &gt; 0, unit price &gt; 0).
     */
    EXCLUDE,
    /**
     * Return lines are netted against monetary: their absolute amounts are subtracted from the sum of the purchase
     * lines' amounts (so a return never raises monetary, whatever sign the source gives its amount; the usual
     * negative quantity times positive price is simply added). They are not orders (frequency counts the distinct orders that have a
     * purchase line) and their dates move neither recency nor tenure. Monetary, and with it the average order
     * value, can then be zero or negative. An entity whose rows are all returns is still left out, as it has no
     * purchase date.
     */
    NET
}
