package dev.segmentation.sim;

/**
 * Named behaviour archetypes of the {@link RetailSimulator}, each with known parameters: the expected orders per
 * week (level), the log-normal week-to-week noise (volatility), the log growth of the order rate per year (trend),
 * the relative amplitude and the peak ISO week of a yearly cosine season, the probability that a week is active
 * at all (intermittency), the fraction of the horizon after which the entity stops buying (churn; 1 = never) and
 * the mean quantity per order line (basket size). Individual entities jitter level and basket size by up to
 * +-20 % around these values. Thread-safe (immutable constants).
 */
public enum Archetype {
    /** Regular buyer: constant rate, little noise. */
    STEADY(2.0, 0.15, 0.0, 0.0, 1, 1.0, 1.0, 3.0),
    /** Strong yearly season peaking in late November. */
    SEASONAL(2.0, 0.15, 0.0, 0.9, 47, 1.0, 1.0, 3.0),
    /** Rate growing by a factor e^0.8 (about 2.2) per year. */
    TRENDING(1.2, 0.15, 0.8, 0.0, 1, 1.0, 1.0, 3.0),
    /** Rare, irregular buyer: active in about 12 % of the weeks. */
    INTERMITTENT(1.5, 0.4, 0.0, 0.0, 1, 0.12, 1.0, 2.0),
    /** Regular buyer who stops after 35 % of the horizon. */
    CHURNED(2.5, 0.15, 0.0, 0.0, 1, 1.0, 0.35, 3.0),
    /** Few, very large orders (wholesale-like). */
    BULK(0.4, 0.3, 0.0, 0.0, 1, 1.0, 1.0, 40.0);

    private final double level;
    private final double volatility;
    private final double trendPerYear;
    private final double seasonAmplitude;
    private final int seasonPeakWeek;
    private final double activeProbability;
    private final double churnAt;
    private final double quantityPerLine;

    Archetype(double level, double volatility, double trendPerYear, double seasonAmplitude, int seasonPeakWeek,
            double activeProbability, double churnAt, double quantityPerLine) {
        this.level = level;
        this.volatility = volatility;
        this.trendPerYear = trendPerYear;
        this.seasonAmplitude = seasonAmplitude;
        this.seasonPeakWeek = seasonPeakWeek;
        this.activeProbability = activeProbability;
        this.churnAt = churnAt;
        this.quantityPerLine = quantityPerLine;
    }

    /** Expected orders per active week at the start of the horizon, before season and noise. */
    public double level() {
        return level;
    }

    /** Standard deviation of the weekly log-normal rate multiplier. */
    public double volatility() {
        return volatility;
    }

    /** Log growth of the rate per 52 weeks. */
    public double trendPerYear() {
        return trendPerYear;
    }

    /** Relative amplitude of the yearly cosine season (0 = none). */
    public double seasonAmplitude() {
        return seasonAmplitude;
    }

    /** ISO week of the season's peak. */
    public int seasonPeakWeek() {
        return seasonPeakWeek;
    }

    /** Probability that a week is active (1 = every week may have orders). */
    public double activeProbability() {
        return activeProbability;
    }

    /** Fraction of the horizon after which the entity buys nothing (1 = never churns). */
    public double churnAt() {
        return churnAt;
    }

    /** Mean quantity per order line. */
    public double quantityPerLine() {
        return quantityPerLine;
    }
}
