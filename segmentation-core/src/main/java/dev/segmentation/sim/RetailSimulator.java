package dev.segmentation.sim;

import dev.segmentation.data.Transactions;
import dev.segmentation.internal.Seeds;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded generator of retail transactions from named {@link Archetype}s, with the ground truth of every
 * entity: for tests (well-separated archetypes must be recovered), examples and benchmarks.
 *
 * <p><b>Model.</b> Entity {@code e} (id {@code C} followed by its zero-padded number, so entity order equals
 * generation order) gets archetype {@code archetypes[e % archetypes.length]}, a home category and its level and
 * basket size jittered by a uniform factor in [0.8, 1.2]. In week w of the horizon its order rate is
 * {@code level x activityScale x exp(trend x w / 52) x max(0, 1 + amplitude x cos(2 pi (isoWeek - peak) / 52)) x
 * LogNormal(0, volatility)}, zero after the churn point and, with probability {@code 1 - activeProbability}, zero
 * for the whole week; the number of orders is Poisson with that rate. An order has 1 + Poisson(1.5) lines; a line
 * takes an item of the home category with probability 0.7 (else any item), quantity 1 + Poisson(basket - 1),
 * amount quantity x the item's fixed price (log-normal around 3). Timestamps fall on a uniform day of the week,
 * between 08:00 and 20:00 UTC. An entity that drew no order gets one order in its first week, so every entity
 * appears in the transactions.
 *
 * <p><b>Determinism.</b> Entity e draws from its own {@link SplittableRandom} seeded with
 * {@code Seeds.derive(seed, e)}: the same settings and seed give identical transactions on any machine.
 * <b>Cost.</b> O(entities x weeks + rows) time; rows are added to a {@link Transactions.Builder} already in
 * canonical order. About 1.5 orders and 3.5 rows per active week at {@code activityScale} 1. Not thread-safe
 * (builder); the built simulator is immutable.
 */
public final class RetailSimulator {
    private final long seed;
    private final int entities;
    private final int weeks;
    private final int items;
    private final int categories;
    private final LocalDate start;
    private final Archetype[] archetypes;
    private final double activityScale;

    private RetailSimulator(Builder b) {
        this.seed = b.seed;
        this.entities = b.entities;
        this.weeks = b.weeks;
        this.items = b.items;
        this.categories = b.categories;
        this.start = b.start;
        this.archetypes = b.archetypes.clone();
        this.activityScale = b.activityScale;
    }

    /** A builder with defaults: seed 0, 1,000 entities, 104 weeks from Monday 2022-01-03, 500 items in 20 categories, all archetypes, activity scale 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** Generates the transactions and the truth. */
    public Simulation simulate() {
        Transactions.Builder tb = Transactions.builder();
        int width = Integer.toString(entities).length();
        String[] itemIds = new String[items];
        String[] categoryIds = new String[categories];
        double[] price = new double[items];
        SplittableRandom catalogue = new SplittableRandom(Seeds.derive(seed, "catalogue"));
        for (int i = 0; i < items; i++) {
            itemIds[i] = "I" + pad(i, Integer.toString(items).length());
            price[i] = Math.round(3 * Math.exp(0.6 * gaussian(catalogue)) * 100) / 100.0 + 0.01;
        }
        for (int c = 0; c < categories; c++) {
            categoryIds[c] = "K" + pad(c, Integer.toString(categories).length());
        }
        int itemsPerCategory = Math.max(1, items / categories);
        long startDay = start.toEpochDay();
        Archetype[] truth = new Archetype[entities];
        for (int e = 0; e < entities; e++) {
            SplittableRandom rnd = new SplittableRandom(Seeds.derive(seed, e));
            Archetype a = archetypes[e % archetypes.length];
            truth[e] = a;
            String id = "C" + pad(e, width);
            int home = rnd.nextInt(categories);
            double level = a.level() * activityScale * (0.8 + 0.4 * rnd.nextDouble());
            double basket = a.quantityPerLine() * (0.8 + 0.4 * rnd.nextDouble());
            int churnWeek = a.churnAt() >= 1 ? weeks : (int) Math.ceil(a.churnAt() * weeks);
            int orders = 0;
            for (int w = 0; w < weeks; w++) {
                double noise = Math.exp(a.volatility() * gaussian(rnd));
                boolean active = w < churnWeek && rnd.nextDouble() < a.activeProbability();
                if (!active && orders > 0) {
                    continue;
                }
                long weekStart = startDay + 7L * w;
                double season = 1;
                if (a.seasonAmplitude() > 0) {
                    int isoWeek = LocalDate.ofEpochDay(weekStart).get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                    season = Math.max(0, 1 + a.seasonAmplitude()
                            * Math.cos(2 * Math.PI * (isoWeek - a.seasonPeakWeek()) / 52.0));
                }
                double rate = level * Math.exp(a.trendPerYear() * w / 52.0) * season * noise;
                int n = active ? poisson(rnd, rate) : 0;
                if (n == 0 && orders == 0 && (w == weeks - 1 || w + 1 >= churnWeek)) {
                    n = 1; // guarantee one order per entity
                }
                for (int k = 0; k < n; k++) {
                    long t = (weekStart + rnd.nextInt(7)) * 86_400L + 8 * 3600 + rnd.nextInt(12 * 3600);
                    String order = id + "-" + orders;
                    orders++;
                    int lines = 1 + poisson(rnd, 1.5);
                    for (int l = 0; l < lines; l++) {
                        int item = rnd.nextDouble() < 0.7
                                ? Math.min(items - 1, home * itemsPerCategory + rnd.nextInt(itemsPerCategory))
                                : rnd.nextInt(items);
                        double qty = 1 + poisson(rnd, basket - 1);
                        tb.add(id, t, order, qty, Math.round(qty * price[item] * 100) / 100.0, itemIds[item],
                                categoryIds[Math.min(categories - 1, item / itemsPerCategory)]);
                    }
                }
            }
        }
        return new Simulation(tb.build(), truth);
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        if (s.length() >= width) {
            return s;
        }
        char[] z = new char[width - s.length()];
        Arrays.fill(z, '0');
        return new String(z) + s;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller (one value per call keeps the stream simple and reproducible)
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Poisson variate: Knuth's product method below 30, a rounded normal approximation above. */
    static int poisson(SplittableRandom r, double lambda) {
        if (!(lambda > 0)) {
            return 0;
        }
        if (lambda >= 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(r)));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    /** Settings of a simulation. Setters validate at once. Not thread-safe. */
    public static final class Builder {
        private long seed;
        private int entities = 1000;
        private int weeks = 104;
        private int items = 500;
        private int categories = 20;
        private LocalDate start = LocalDate.of(2022, 1, 3);
        private Archetype[] archetypes = Archetype.values();
        private double activityScale = 1;

        private Builder() {
        }

        /** The seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Number of entities (>= 1). */
        public Builder entities(int entities) {
            if (entities < 1) {
                throw new IllegalArgumentException("entities must be >= 1 but was " + entities);
            }
            this.entities = entities;
            return this;
        }

        /** Number of weeks of the horizon (>= 1). */
        public Builder weeks(int weeks) {
            if (weeks < 1) {
                throw new IllegalArgumentException("weeks must be >= 1 but was " + weeks);
            }
            this.weeks = weeks;
            return this;
        }

        /** Catalogue size (>= 1). */
        public Builder items(int items) {
            if (items < 1) {
                throw new IllegalArgumentException("items must be >= 1 but was " + items);
            }
            this.items = items;
            return this;
        }

        /** Number of categories (>= 1). */
        public Builder categories(int categories) {
            if (categories < 1) {
                throw new IllegalArgumentException("categories must be >= 1 but was " + categories);
            }
            this.categories = categories;
            return this;
        }

        /** First day of the horizon (must be a Monday, so weeks are ISO weeks). */
        public Builder start(LocalDate start) {
            Objects.requireNonNull(start, "start");
            if (start.getDayOfWeek() != DayOfWeek.MONDAY) {
                throw new IllegalArgumentException("start must be a Monday but was " + start + " ("
                        + start.getDayOfWeek() + ")");
            }
            this.start = start;
            return this;
        }

        /** The archetypes, assigned round-robin (entity e gets archetypes[e % length]); at least one. */
        public Builder archetypes(Archetype... archetypes) {
            Objects.requireNonNull(archetypes, "archetypes");
            if (archetypes.length == 0) {
                throw new IllegalArgumentException("archetypes must not be empty");
            }
            for (int i = 0; i < archetypes.length; i++) {
                Objects.requireNonNull(archetypes[i], "archetypes[" + i + "]");
            }
            this.archetypes = archetypes.clone();
            return this;
        }

        /** Multiplier of every archetype's order rate (> 0; default 1). */
        public Builder activityScale(double scale) {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("activityScale must be > 0 and finite but was " + scale);
            }
            this.activityScale = scale;
            return this;
        }

        /** The simulator. @throws IllegalStateException when there are more categories than items */
        public RetailSimulator build() {
            if (categories > items) {
                throw new IllegalStateException("categories (" + categories + ") must not exceed items (" + items
                        + ")");
            }
            return new RetailSimulator(this);
        }
    }
}
