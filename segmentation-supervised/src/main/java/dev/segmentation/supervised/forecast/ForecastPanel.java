package dev.segmentation.supervised.forecast;

import dev.segmentation.data.Transactions;
import dev.segmentation.features.Panel;
import dev.segmentation.features.PanelSpec;
import dev.segmentation.features.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The data a forecaster sees: entities (e.g. SKU x location) x consecutive periods (day, ISO week or month) of
 * demand, a hierarchy of labels per entity (SKU, location, category, region) and covariates per entity-period.
 *
 * <p><b>Demand.</b> Built by core's {@link Panel} with a global span and empty cells 0 ({@link PanelSpec.Span#GLOBAL},
 * {@link PanelSpec.EmptyCells#ZERO}), either from {@link Transactions} or from already-aggregated rows (Walmart's
 * Store, Dept, Date, Weekly_Sales): every entity has one value for each period from the data's first to its last
 * period. Time {@code t} counts periods from the first ({@code t = 0} is {@link #firstPeriod()}).
 *
 * <p><b>Covariates.</b> Each covariate is {@link Availability#KNOWN_IN_ADVANCE} (a price plan, planned markdowns,
 * holidays: a forecaster may read it at the target period) or {@link Availability#OBSERVED} (temperature, fuel
 * price, CPI: a forecaster made at origin {@code t} may read it only at periods before {@code t}). Missing values
 * are NaN.
 *
 * <p><b>Layout and cost.</b> Flat row-major {@code entities x periods} arrays: 8 bytes per cell for the demand and
 * per covariate. Immutable and thread-safe; array accessors return copies.
 */
public final class ForecastPanel {
    /** Levels of the entity hierarchy. */
    public enum Level {
        /** The product (stock-keeping unit). */
        SKU,
        /** The store, shop or warehouse. */
        LOCATION,
        /** The product category or department. */
        CATEGORY,
        /** A group of locations. */
        REGION
    }

    /** When a covariate's value is known. */
    public enum Availability {
        /** Known for future periods at forecast time (price plan, planned promotion, holiday calendar). */
        KNOWN_IN_ADVANCE,
        /** Known only once the period is over (weather, fuel price, CPI): usable lagged only. */
        OBSERVED
    }

    private final Period period;
    private final int firstPeriod;
    private final int periods;
    private final String[] ids;
    private final double[] y;
    private final EnumMap<Level, String[]> hierarchy;
    private final String[] covNames;
    private final Availability[] covAvailability;
    private final double[][] cov;
    private final long covariateCellsOutsideSpan;

    private ForecastPanel(Period period, int firstPeriod, int periods, String[] ids, double[] y,
            EnumMap<Level, String[]> hierarchy, String[] covNames, Availability[] covAvailability, double[][] cov,
            long outside) {
        this.period = period;
        this.firstPeriod = firstPeriod;
        this.periods = periods;
        this.ids = ids;
        this.y = y;
        this.hierarchy = hierarchy;
        this.covNames = covNames;
        this.covAvailability = covAvailability;
        this.cov = cov;
        this.covariateCellsOutsideSpan = outside;
    }

    /** A builder of a panel with cells of length {@code period}. */
    public static Builder builder(Period period) {
        return new Builder(Objects.requireNonNull(period, "period"));
    }

    /** The period of a cell. */
    public Period period() {
        return period;
    }

    /** Period index (see {@link Period#index(LocalDate)}) of {@code t = 0}. */
    public int firstPeriod() {
        return firstPeriod;
    }

    /** Number of periods {@code T}. */
    public int periodCount() {
        return periods;
    }

    /** Number of entities. */
    public int entityCount() {
        return ids.length;
    }

    /** The id of entity {@code e}. */
    public String entityId(int e) {
        return ids[e];
    }

    /** Entity ids in entity order (sorted as core's {@link Transactions} sorts them; unmodifiable). */
    public List<String> entityIds() {
        return Collections.unmodifiableList(Arrays.asList(ids));
    }

    /** The demand of entity {@code e} at time {@code t}. */
    public double value(int e, int t) {
        return y[e * periods + t];
    }

    /** A copy of entity {@code e}'s series (length {@link #periodCount()}). */
    public double[] values(int e) {
        return Arrays.copyOfRange(y, e * periods, (e + 1) * periods);
    }

    /** A copy of all demand, row-major entities x periods. */
    public double[] values() {
        return y.clone();
    }

    /** The first day of time {@code t}. */
    public LocalDate date(int t) {
        return period.start(firstPeriod + t);
    }

    /** The levels that have labels. */
    public List<Level> levels() {
        return List.copyOf(hierarchy.keySet());
    }

    /** The label of entity {@code e} at {@code level}, if the level was given. */
    public Optional<String> label(int e, Level level) {
        String[] l = hierarchy.get(Objects.requireNonNull(level, "level"));
        return l == null ? Optional.empty() : Optional.ofNullable(l[e]);
    }

    /** Covariate names in the order they were declared (unmodifiable). */
    public List<String> covariateNames() {
        return Collections.unmodifiableList(Arrays.asList(covNames));
    }

    /** Number of covariates. */
    public int covariateCount() {
        return covNames.length;
    }

    /** Availability of covariate {@code k}. */
    public Availability availability(int k) {
        return covAvailability[k];
    }

    /** Covariate {@code k} of entity {@code e} at time {@code t} (NaN when missing). */
    public double covariate(int k, int e, int t) {
        return cov[k][e * periods + t];
    }

    /** Covariate cells given for periods outside the demand span; they were skipped (counted here). */
    public long covariateCellsOutsideSpan() {
        return covariateCellsOutsideSpan;
    }

    /** The panel restricted to {@code entities} (in that order; repeats are refused). */
    public ForecastPanel subset(int[] entities) {
        Objects.requireNonNull(entities, "entities");
        boolean[] seen = new boolean[ids.length];
        String[] sid = new String[entities.length];
        double[] sy = new double[entities.length * periods];
        for (int i = 0; i < entities.length; i++) {
            int e = entities[i];
            if (e < 0 || e >= ids.length) {
                throw new IllegalArgumentException("entities[" + i + "] must lie in [0, " + ids.length + ") but was "
                        + e);
            }
            if (seen[e]) {
                throw new IllegalArgumentException("entities[" + i + "] repeats entity " + e);
            }
            seen[e] = true;
            sid[i] = ids[e];
            System.arraycopy(y, e * periods, sy, i * periods, periods);
        }
        EnumMap<Level, String[]> h = new EnumMap<>(Level.class);
        for (Map.Entry<Level, String[]> x : hierarchy.entrySet()) {
            String[] l = new String[entities.length];
            for (int i = 0; i < entities.length; i++) {
                l[i] = x.getValue()[entities[i]];
            }
            h.put(x.getKey(), l);
        }
        double[][] c = new double[cov.length][];
        for (int k = 0; k < cov.length; k++) {
            c[k] = new double[entities.length * periods];
            for (int i = 0; i < entities.length; i++) {
                System.arraycopy(cov[k], entities[i] * periods, c[k], i * periods, periods);
            }
        }
        return new ForecastPanel(period, firstPeriod, periods, sid, sy, h, covNames, covAvailability, c,
                covariateCellsOutsideSpan);
    }

    /**
     * The same panel with other demand values (row-major entities x periods), e.g. a what-if or a test that
     * perturbs the future.
     *
     * @throws IllegalArgumentException when the length differs or a value is not finite
     */
    public ForecastPanel withValues(double[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length != y.length) {
            throw new IllegalArgumentException("values must have " + y.length + " cells but has " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] (entity " + ids[i / periods] + ", t "
                        + (i % periods) + ") is not finite: " + values[i]);
            }
        }
        return new ForecastPanel(period, firstPeriod, periods, ids, values.clone(), hierarchy, covNames,
                covAvailability, cov, covariateCellsOutsideSpan);
    }

    /**
     * The same panel with covariate {@code k} replaced (row-major entities x periods; NaN is missing).
     *
     * @throws IllegalArgumentException when the length differs or a value is infinite
     */
    public ForecastPanel withCovariate(int k, double[] values) {
        Objects.checkIndex(k, cov.length);
        if (values.length != y.length) {
            throw new IllegalArgumentException("covariate " + covNames[k] + " must have " + y.length
                    + " cells but has " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("covariate " + covNames[k] + " cell " + i + " is infinite");
            }
        }
        double[][] c = cov.clone();
        c[k] = values.clone();
        return new ForecastPanel(period, firstPeriod, periods, ids, y, hierarchy, covNames, covAvailability, c,
                covariateCellsOutsideSpan);
    }

    // backing arrays for the package's kernels (never exposed)
    double[] valueArray() {
        return y;
    }

    double[] covariateArray(int k) {
        return cov[k];
    }

    String[] labelArray(Level level) {
        return hierarchy.get(level);
    }

    @Override
    public String toString() {
        return "ForecastPanel[" + ids.length + " entities x " + periods + " " + period + " periods from "
                + date(0) + ", levels " + hierarchy.keySet() + ", covariates " + Arrays.toString(covNames) + "]";
    }

    /**
     * Collects demand rows (or {@link Transactions}), hierarchy labels and covariate values. Not thread-safe;
     * {@link #build()} may be called once.
     */
    public static final class Builder {
        private final Period period;
        private Panel.RowsBuilder rows;
        private Transactions transactions;
        private PanelSpec.Measure measure = PanelSpec.Measure.QUANTITY;
        private final EnumMap<Level, Map<String, String>> labels = new EnumMap<>(Level.class);
        private final LinkedHashMap<String, Availability> covariates = new LinkedHashMap<>();
        private final List<CovCell> cells = new ArrayList<>();
        private long rowNumber;
        private boolean built;

        private Builder(Period period) {
            this.period = period;
        }

        /**
         * Adds an already-aggregated demand row: {@code value} is summed into the cell of {@code entityId} holding
         * {@code date}.
         *
         * @throws IllegalArgumentException on a blank entity or a non-finite value, naming the row (1-based order
         *     of the {@code add} calls)
         * @throws IllegalStateException when {@link #transactions} was given
         */
        public Builder add(String entityId, LocalDate date, double value) {
            if (transactions != null) {
                throw new IllegalStateException("demand rows and transactions cannot be mixed");
            }
            rowNumber++;
            if (entityId == null || entityId.isBlank()) {
                throw new IllegalArgumentException("demand row " + rowNumber + ": entity is blank");
            }
            Objects.requireNonNull(date, "date");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("demand row " + rowNumber + " (entity " + entityId + ", date "
                        + date + "): value is not finite: " + value);
            }
            if (rows == null) {
                rows = Panel.rowsBuilder(PanelSpec.of(period));
            }
            rows.add(entityId, date, value);
            return this;
        }

        /**
         * Takes the demand from transactions (entity = the transactions' entity, e.g. "sku|location"), summing
         * {@code measure} per period.
         *
         * @throws IllegalStateException when demand rows were added
         */
        public Builder transactions(Transactions transactions, PanelSpec.Measure measure) {
            if (rows != null) {
                throw new IllegalStateException("demand rows and transactions cannot be mixed");
            }
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            this.measure = Objects.requireNonNull(measure, "measure");
            return this;
        }

        /**
         * Sets the label of {@code entityId} at {@code level}.
         *
         * @throws IllegalArgumentException when the entity already has another label at that level
         */
        public Builder label(String entityId, Level level, String label) {
            Objects.requireNonNull(entityId, "entityId");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(label, "label");
            String old = labels.computeIfAbsent(level, k -> new HashMap<>()).putIfAbsent(entityId, label);
            if (old != null && !old.equals(label)) {
                throw new IllegalArgumentException("entity " + entityId + " has two " + level + " labels: " + old
                        + " and " + label);
            }
            return this;
        }

        /**
         * Declares a covariate.
         *
         * @throws IllegalArgumentException when the name is blank or already declared
         */
        public Builder covariate(String name, Availability availability) {
            Objects.requireNonNull(availability, "availability");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("covariate name is blank");
            }
            if (covariates.putIfAbsent(name, availability) != null) {
                throw new IllegalArgumentException("covariate " + name + " is declared twice");
            }
            return this;
        }

        /**
         * Sets covariate {@code name} of {@code entityId} in the period holding {@code date}; NaN means missing.
         * A value for a period outside the demand span is skipped and counted
         * ({@link ForecastPanel#covariateCellsOutsideSpan()}).
         *
         * @throws IllegalArgumentException when the covariate was not declared or the value is infinite
         */
        public Builder covariateValue(String name, String entityId, LocalDate date, double value) {
            cells.add(new CovCell(declared(name, value), null, Objects.requireNonNull(entityId, "entityId"),
                    period.index(date), value));
            return this;
        }

        /**
         * Sets covariate {@code name} in the period holding {@code date} for every entity whose label at
         * {@code level} is {@code label} (Walmart's features.csv is per store: level {@link Level#LOCATION}).
         *
         * @throws IllegalArgumentException when the covariate was not declared or the value is infinite
         */
        public Builder covariateValue(String name, Level level, String label, LocalDate date, double value) {
            cells.add(new CovCell(declared(name, value), Objects.requireNonNull(level, "level"),
                    Objects.requireNonNull(label, "label"), period.index(date), value));
            return this;
        }

        private String declared(String name, double value) {
            if (!covariates.containsKey(name)) {
                throw new IllegalArgumentException("covariate " + name + " was not declared (declared: "
                        + covariates.keySet() + ")");
            }
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException("covariate " + name + ": value is infinite");
            }
            return name;
        }

        /**
         * Builds the panel.
         *
         * @throws IllegalStateException when called twice, when no demand was given, when a labelled level misses
         *     an entity, when a covariate value names an unknown entity or two values fall in one cell
         */
        public ForecastPanel build() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            built = true;
            Panel p;
            if (transactions != null) {
                p = Panel.of(transactions, PanelSpec.of(period).withMeasure(measure));
            } else if (rows != null) {
                p = rows.build();
            } else {
                throw new IllegalStateException("no demand was given: call add(...) or transactions(...)");
            }
            int n = p.entityCount();
            int first = p.firstPeriod();
            int periods = p.lastPeriod() - first + 1;
            String[] ids = p.entityIds().toArray(new String[0]);
            double[] y = p.values();
            if (y.length != (long) n * periods) {
                throw new IllegalStateException("the core panel is not dense: " + p);
            }
            Map<String, Integer> index = new HashMap<>();
            for (int e = 0; e < n; e++) {
                index.put(ids[e], e);
            }
            EnumMap<Level, String[]> hierarchy = new EnumMap<>(Level.class);
            for (Map.Entry<Level, Map<String, String>> x : labels.entrySet()) {
                String[] l = new String[n];
                for (Map.Entry<String, String> m : x.getValue().entrySet()) {
                    Integer e = index.get(m.getKey());
                    if (e == null) {
                        throw new IllegalStateException(x.getKey() + " label given for entity " + m.getKey()
                                + ", which has no demand row");
                    }
                    l[e] = m.getValue();
                }
                for (int e = 0; e < n; e++) {
                    if (l[e] == null) {
                        throw new IllegalStateException("entity " + ids[e] + " has no " + x.getKey() + " label");
                    }
                }
                hierarchy.put(x.getKey(), l);
            }
            String[] names = covariates.keySet().toArray(new String[0]);
            Availability[] avail = covariates.values().toArray(new Availability[0]);
            Map<String, Integer> cix = new HashMap<>();
            for (int k = 0; k < names.length; k++) {
                cix.put(names[k], k);
            }
            double[][] cov = new double[names.length][];
            boolean[][] set = new boolean[names.length][];
            for (int k = 0; k < names.length; k++) {
                cov[k] = new double[n * periods];
                Arrays.fill(cov[k], Double.NaN);
                set[k] = new boolean[n * periods];
            }
            Map<Level, Map<String, int[]>> members = new EnumMap<>(Level.class);
            long outside = 0;
            for (CovCell c : cells) {
                int k = cix.get(c.name);
                int t = c.periodIndex - first;
                if (t < 0 || t >= periods) {
                    outside++;
                    continue;
                }
                if (c.level == null) {
                    Integer e = index.get(c.key);
                    if (e == null) {
                        throw new IllegalStateException("covariate " + c.name + " given for entity " + c.key
                                + ", which has no demand row");
                    }
                    put(cov, set, k, names[k], e * periods + t, c.value, c.key, period.start(c.periodIndex));
                } else {
                    String[] l = hierarchy.get(c.level);
                    if (l == null) {
                        throw new IllegalStateException("covariate " + c.name + " given per " + c.level
                                + " but no entity has a " + c.level + " label");
                    }
                    int[] es = members.computeIfAbsent(c.level, lv -> membersOf(l)).get(c.key);
                    if (es == null) {
                        continue; // a label no entity carries (e.g. a store without sales): nothing to set
                    }
                    for (int e : es) {
                        put(cov, set, k, names[k], e * periods + t, c.value, c.key, period.start(c.periodIndex));
                    }
                }
            }
            return new ForecastPanel(period, first, periods, ids, y, hierarchy, names, avail, cov, outside);
        }

        private static void put(double[][] cov, boolean[][] set, int k, String name, int cell, double v, String key,
                LocalDate date) {
            if (set[k][cell]) {
                throw new IllegalStateException("covariate " + name + " has two values for " + key + " in the period "
                        + "starting " + date + ": " + cov[k][cell] + " and " + v);
            }
            set[k][cell] = true;
            cov[k][cell] = v;
        }

        private static Map<String, int[]> membersOf(String[] labels) {
            Map<String, List<Integer>> m = new HashMap<>();
            for (int e = 0; e < labels.length; e++) {
                m.computeIfAbsent(labels[e], x -> new ArrayList<>()).add(e);
            }
            Map<String, int[]> out = new HashMap<>();
            for (Map.Entry<String, List<Integer>> x : m.entrySet()) {
                out.put(x.getKey(), x.getValue().stream().mapToInt(Integer::intValue).toArray());
            }
            return out;
        }

        private static final class CovCell {
            final String name;
            final Level level;
            final String key;
            final int periodIndex;
            final double value;

            CovCell(String name, Level level, String key, int periodIndex, double value) {
                this.name = name;
                this.level = level;
                this.key = key;
                this.periodIndex = periodIndex;
                this.value = value;
            }
        }
    }
}
