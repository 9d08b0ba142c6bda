package dev.segmentation.features;

/**
 * The Syntetos-Boylan demand classes (A. A. Syntetos, J. E. Boylan and J. D. Croston, "On the categorization of
 * demand patterns", Journal of the Operational Research Society 56, 2005), for choosing an inventory or
 * forecasting strategy per series.
 *
 * <p>From ADI = T / number of periods with positive demand and CV^2 = (population std / mean)^2 of the positive
 * demand sizes, with the cut-offs ADI 1.32 and CV^2 0.49: smooth (ADI &lt; 1.32, CV^2 &lt; 0.49), erratic
 * (ADI &lt; 1.32, CV^2 &gt;= 0.49), intermittent (ADI &gt;= 1.32, CV^2 &lt; 0.49), lumpy (otherwise), and
 * {@link #NO_DEMAND} when no period is positive (ADI and CV^2 NaN). Thread-safe.
 */
public enum DemandClass {
    /** Regular demand of regular size. */
    SMOOTH("smooth"),
    /** Regular demand of irregular size. */
    ERRATIC("erratic"),
    /** Sporadic demand of regular size. */
    INTERMITTENT("intermittent"),
    /** Sporadic demand of irregular size. */
    LUMPY("lumpy"),
    /** No period with positive demand. */
    NO_DEMAND("no_demand");

    /** The ADI cut-off. */
    public static final double ADI_CUTOFF = 1.32;
    /** The CV^2 cut-off. */
    public static final double CV2_CUTOFF = 0.49;

    private final String label;

    DemandClass(String label) {
        this.label = label;
    }

    /** The lower-case label ({@code smooth}, {@code erratic}, {@code intermittent}, {@code lumpy}, {@code no_demand}). */
    public String label() {
        return label;
    }

    /** The class of a series with these ADI and CV^2; NaN ADI means no demand. */
    public static DemandClass of(double adi, double cv2) {
        if (Double.isNaN(adi)) {
            return NO_DEMAND;
        }
        if (adi < ADI_CUTOFF) {
            return cv2 < CV2_CUTOFF ? SMOOTH : ERRATIC;
        }
        return cv2 < CV2_CUTOFF ? INTERMITTENT : LUMPY;
    }

    /**
     * The class of each row of a table holding {@code adi} and {@code cv2} columns (as produced by
     * {@link Features#demandClass(PanelSpec)}).
     *
     * @throws IllegalArgumentException when a column is missing
     */
    public static DemandClass[] classify(dev.segmentation.data.FeatureTable table) {
        int a = table.columnIndex("adi");
        int c = table.columnIndex("cv2");
        DemandClass[] out = new DemandClass[table.rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = of(table.get(r, a), table.get(r, c));
        }
        return out;
    }
}
