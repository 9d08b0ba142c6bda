package dev.segmentation.features;

import java.util.Objects;

/**
 * How to lay transactions out as a {@link Panel}: the {@link Period} of a cell, the value summed in a cell
 * ({@link Measure}), the time span of each entity's row ({@link Span}) and what an empty cell is
 * ({@link EmptyCells}).
 *
 * <p>Defaults: {@link Measure#QUANTITY}, {@link Span#GLOBAL} (the whole data's first to last period for every
 * entity), {@link EmptyCells#ZERO}. Immutable and thread-safe; every {@code with...} method returns a new spec.
 */
public final class PanelSpec {
    /** The value summed into a cell. */
    public enum Measure {
        /** Sum of {@link dev.segmentation.data.Transactions#quantity(int)}. */
        QUANTITY,
        /** Sum of {@link dev.segmentation.data.Transactions#amount(int)}. */
        AMOUNT
    }

    /** The periods an entity's series covers. */
    public enum Span {
        /** From the first to the last period of the whole data, the same for every entity. */
        GLOBAL,
        /** From the entity's own first to its own last period. */
        ENTITY
    }

    /** What a period without any row is. */
    public enum EmptyCells {
        /** A cell of value 0 (the series is dense over the span). */
        ZERO,
        /** No cell at all: the series holds the active periods only (seed 001's monthly base table). */
        ABSENT
    }

    private final Period period;
    private final Measure measure;
    private final Span span;
    private final EmptyCells emptyCells;

    private PanelSpec(Period period, Measure measure, Span span, EmptyCells emptyCells) {
        this.period = period;
        this.measure = measure;
        this.span = span;
        this.emptyCells = emptyCells;
    }

    /** A spec with {@code period} and the defaults (quantity, global span, empty cells 0). */
    public static PanelSpec of(Period period) {
        return new PanelSpec(Objects.requireNonNull(period, "period"), Measure.QUANTITY, Span.GLOBAL,
                EmptyCells.ZERO);
    }

    /** The same spec with another measure. */
    public PanelSpec withMeasure(Measure measure) {
        return new PanelSpec(period, Objects.requireNonNull(measure, "measure"), span, emptyCells);
    }

    /** The same spec with another span. */
    public PanelSpec withSpan(Span span) {
        return new PanelSpec(period, measure, Objects.requireNonNull(span, "span"), emptyCells);
    }

    /** The same spec with another empty-cell policy. */
    public PanelSpec withEmptyCells(EmptyCells emptyCells) {
        return new PanelSpec(period, measure, span, Objects.requireNonNull(emptyCells, "emptyCells"));
    }

    /** The same spec with another period. */
    public PanelSpec withPeriod(Period period) {
        return new PanelSpec(Objects.requireNonNull(period, "period"), measure, span, emptyCells);
    }

    /** The period of a cell. */
    public Period period() {
        return period;
    }

    /** The value summed in a cell. */
    public Measure measure() {
        return measure;
    }

    /** The span of each entity's series. */
    public Span span() {
        return span;
    }

    /** What an empty cell is. */
    public EmptyCells emptyCells() {
        return emptyCells;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PanelSpec)) {
            return false;
        }
        PanelSpec s = (PanelSpec) o;
        return period == s.period && measure == s.measure && span == s.span && emptyCells == s.emptyCells;
    }

    @Override
    public int hashCode() {
        return Objects.hash(period, measure, span, emptyCells);
    }

    @Override
    public String toString() {
        return "PanelSpec[" + period + ", " + measure + ", span " + span + ", empty cells " + emptyCells + "]";
    }
}
