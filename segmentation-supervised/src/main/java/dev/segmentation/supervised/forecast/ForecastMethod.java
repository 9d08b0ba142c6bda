package dev.segmentation.supervised.forecast;

/**
 * A way to forecast every entity of a {@link ForecastPanel} from an origin: fit on what is known before the origin,
 * forecast the next periods.
 *
 * <p><b>Contract (no leakage).</b> {@code forecast(panel, origin, horizon)} reads demand only at times
 * {@code t < origin}, {@link ForecastPanel.Availability#OBSERVED observed} covariates only at {@code t < origin}, and
 * {@link ForecastPanel.Availability#KNOWN_IN_ADVANCE known} covariates only at {@code t < origin + horizon}: changing
 * any other value leaves the forecast unchanged (checked by a property test for every implementation).
 * Implementations are immutable and thread-safe; the same inputs give the same bits for any thread count.
 */
public interface ForecastMethod {
    /** A short name for reports ({@code naive}, {@code seasonal_naive_52}, {@code gbm}, ...). */
    String name();

    /** The smallest origin this method can forecast from (the history it needs). */
    int minHistory();

    /**
     * Forecasts of every entity for times {@code origin .. origin + horizon - 1}.
     *
     * @throws IllegalArgumentException when {@code origin < minHistory()}, {@code origin > panel.periodCount()} or
     *     {@code horizon < 1}
     */
    Forecast forecast(ForecastPanel panel, int origin, int horizon);

    /** Checks the arguments of {@link #forecast} (shared by implementations). */
    static void checkOrigin(ForecastMethod m, ForecastPanel panel, int origin, int horizon) {
        java.util.Objects.requireNonNull(panel, "panel");
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1 but was " + horizon);
        }
        if (origin < m.minHistory()) {
            throw new IllegalArgumentException(m.name() + " needs an origin >= " + m.minHistory()
                    + " (its history) but the origin was " + origin);
        }
        if (origin > panel.periodCount()) {
            throw new IllegalArgumentException("origin " + origin + " lies after the panel's " + panel.periodCount()
                    + " periods");
        }
    }
}
