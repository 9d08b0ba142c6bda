package dev.segmentation.sim;

import dev.segmentation.data.Transactions;
import dev.segmentation.internal.Parallel;
import dev.segmentation.internal.Seeds;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
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
 * <p><b>Archetype switches</b> (off by default, {@link Builder#switches(double, int)}): at every multiple
 * {@code m x everyWeeks} of the switch period (m >= 1, inside the horizon) each entity switches with the given
 * probability to another archetype of the list, chosen uniformly; from that week on the new archetype's level,
 * volatility, trend (still measured from the start of the horizon), season, activity, churn point and basket size
 * apply, with the entity's own jitter factors and home category kept. The draws come from a stream of their own
 * ({@code Seeds.derive(Seeds.derive(seed, "switches"), e)}), so an entity that never switches gets exactly the
 * transactions it gets without switches, and with switches off the output is unchanged. The truth is
 * {@link Simulation#archetypeAt(int, int)}.
 *
 * <p><b>Ids.</b> Orders are numbered entity by entity in time order and named {@code O} followed by the zero-padded
 * number (generated on demand, see {@link Transactions.SortedColumns#numberedOrders}); items are {@code I...},
 * categories {@code K...}; items no row uses are left out of the table.
 *
 * <p><b>Determinism.</b> Entity e draws from its own {@link SplittableRandom} seeded with
 * {@code Seeds.derive(seed, e)}: the same settings and seed give identical transactions on any machine and for any
 * thread count ({@link #simulate(int)}).
 * <b>Cost.</b> O(entities x weeks + rows) time, in parallel over fixed blocks of entities written into primitive
 * columns in canonical order, {@value #WAVE_BLOCKS} blocks at a time, each wave then streamed in block order into
 * {@link Transactions#appender()} and released (no string per row or per order, and the rows are never held
 * twice). About 1.5 orders and 3.5 rows per active week at {@code activityScale} 1. Memory: the table's compact
 * columns (about 11 bytes per row, see {@link Transactions#storageLayout()}) plus one wave of block buffers;
 * building the table copies one column at a time to its exact size. Thread safety: the built
 * simulator is immutable; the builder is not thread-safe.
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
    private final double switchProbability;
    private final int switchEveryWeeks;

    private RetailSimulator(Builder b) {
        this.seed = b.seed;
        this.entities = b.entities;
        this.weeks = b.weeks;
        this.items = b.items;
        this.categories = b.categories;
        this.start = b.start;
        this.archetypes = b.archetypes.clone();
        this.activityScale = b.activityScale;
        this.switchProbability = b.switchProbability;
        this.switchEveryWeeks = b.switchEveryWeeks;
    }

    /** A builder with defaults: seed 0, 1,000 entities, 104 weeks from Monday 2022-01-03, 500 items in 20 categories, all archetypes, activity scale 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** Generates the transactions and the truth on all available processors (same bits for any count). */
    public Simulation simulate() {
        return simulate(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Generates the transactions and the truth on up to {@code threads} threads. Entities are generated in fixed
     * blocks of {@value #ENTITIES_PER_BLOCK} into primitive columns, already in the table's canonical order, and
     * streamed block by block into {@link Transactions#appender()}: the result is identical for any thread count.
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public Simulation simulate(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        final double[] price = new double[items];
        SplittableRandom catalogue = new SplittableRandom(Seeds.derive(seed, "catalogue"));
        for (int i = 0; i < items; i++) {
            price[i] = Math.round(3 * Math.exp(0.6 * gaussian(catalogue)) * 100) / 100.0 + 0.01;
        }
        final int itemsPerCategory = Math.max(1, items / categories);
        final int[] categoryOf = new int[items];
        for (int i = 0; i < items; i++) {
            categoryOf[i] = Math.min(categories - 1, i / itemsPerCategory);
        }
        final long startDay = start.toEpochDay();
        final int[] isoWeek = new int[weeks];
        for (int w = 0; w < weeks; w++) {
            isoWeek[w] = LocalDate.ofEpochDay(startDay + 7L * w).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        }
        final int[][] schedule = switchSchedule();
        final int nBlocks = Parallel.blocks(entities, ENTITIES_PER_BLOCK);
        int width = Integer.toString(entities).length();
        String[] itemIds = new String[items];
        for (int i = 0; i < items; i++) {
            itemIds[i] = "I" + pad(i, Integer.toString(items).length());
        }
        String[] categoryIds = new String[categories];
        for (int c = 0; c < categories; c++) {
            categoryIds[c] = "K" + pad(c, Integer.toString(categories).length());
        }
        Transactions.Appender table = Transactions.appender().items(itemIds).categories(categoryIds)
                .numberedOrders("O");
        // waves of fixed blocks generated in parallel, then appended in block order and released: the rows are
        // never held twice, and the result does not depend on the thread count
        final Block[] wave = new Block[WAVE_BLOCKS];
        int orderBase = 0;
        for (int w0 = 0; w0 < nBlocks; w0 += WAVE_BLOCKS) {
            final int first = w0;
            final int count = Math.min(WAVE_BLOCKS, nBlocks - w0);
            Parallel.forEachBlock(count, threads, j -> {
                int b = first + j;
                Block out = new Block(b * ENTITIES_PER_BLOCK, Math.min(entities, (b + 1) * ENTITIES_PER_BLOCK));
                for (int e = out.from; e < out.to; e++) {
                    generate(e, out, price, itemsPerCategory, startDay, isoWeek, schedule == null ? null : schedule[e]);
                }
                wave[j] = out;
            });
            for (int j = 0; j < count; j++) {
                Block k = wave[j];
                wave[j] = null;
                int r = 0;
                for (int e = k.from; e < k.to; e++) {
                    table.entity("C" + pad(e, width));
                    for (int end = k.entityEnd[e - k.from]; r < end; r++) {
                        int it = k.item[r];
                        table.row(k.time[r], orderBase + k.order[r], k.quantity[r], k.amount[r], it, categoryOf[it]);
                    }
                }
                orderBase = Math.addExact(orderBase, k.orders);
            }
            if (w0 == 0 && count < nBlocks) {
                // capacity for the whole table from the first wave's rows per entity (+1%), so the columns are
                // not copied as they grow
                double perEntity = table.size() / (double) Math.min(entities, count * ENTITIES_PER_BLOCK);
                table.reserve((int) Math.min(Integer.MAX_VALUE - 64, Math.ceil(perEntity * entities * 1.01)));
            }
        }
        Archetype[] truth = new Archetype[entities];
        for (int e = 0; e < entities; e++) {
            truth[e] = archetypes[e % archetypes.length];
        }
        Transactions t = table.build();
        Archetype[][] periods = null;
        if (schedule != null) {
            periods = new Archetype[entities][];
            for (int e = 0; e < entities; e++) {
                periods[e] = new Archetype[schedule[e].length];
                for (int m = 0; m < schedule[e].length; m++) {
                    periods[e][m] = archetypes[schedule[e][m]];
                }
            }
        }
        return new Simulation(t, truth, periods, switchEveryWeeks, weeks);
    }

    /** Per entity, the index into {@code archetypes} of each switch period; null without switches. */
    private int[][] switchSchedule() {
        if (switchProbability == 0 || archetypes.length < 2) {
            return null;
        }
        int periods = (weeks + switchEveryWeeks - 1) / switchEveryWeeks;
        long base = Seeds.derive(seed, "switches");
        int[][] out = new int[entities][periods];
        for (int e = 0; e < entities; e++) {
            SplittableRandom rnd = new SplittableRandom(Seeds.derive(base, e));
            int cur = e % archetypes.length;
            out[e][0] = cur;
            for (int m = 1; m < periods; m++) {
                if (rnd.nextDouble() < switchProbability) {
                    int other = rnd.nextInt(archetypes.length - 1);
                    cur = other >= cur ? other + 1 : other;
                }
                out[e][m] = cur;
            }
        }
        return out;
    }

    /** Entities per generation block (fixed, so the output does not depend on the thread count). */
    static final int ENTITIES_PER_BLOCK = 4096;
    /** Blocks generated in parallel before they are appended to the table in block order. */
    static final int WAVE_BLOCKS = 16;

    /** Generates entity {@code e}'s rows into {@code out}, in canonical order. */
    private void generate(int e, Block out, double[] price, int itemsPerCategory, long startDay, int[] isoWeek,
            int[] schedule) {
        SplittableRandom rnd = new SplittableRandom(Seeds.derive(seed, e));
        Archetype a = archetypes[e % archetypes.length];
        int home = rnd.nextInt(categories);
        double levelJitter = 0.8 + 0.4 * rnd.nextDouble();
        double basketJitter = 0.8 + 0.4 * rnd.nextDouble();
        double level = a.level() * activityScale * levelJitter;
        double basket = a.quantityPerLine() * basketJitter;
        int churnWeek = a.churnAt() >= 1 ? weeks : (int) Math.ceil(a.churnAt() * weeks);
        int orders = 0;
        Week wk = out.week;
        for (int w = 0; w < weeks; w++) {
            if (schedule != null && w % switchEveryWeeks == 0 && archetypes[schedule[w / switchEveryWeeks]] != a) {
                a = archetypes[schedule[w / switchEveryWeeks]];
                level = a.level() * activityScale * levelJitter;
                basket = a.quantityPerLine() * basketJitter;
                churnWeek = a.churnAt() >= 1 ? weeks : Math.max(w, (int) Math.ceil(a.churnAt() * weeks));
            }
            double noise = Math.exp(a.volatility() * gaussian(rnd));
            boolean active = w < churnWeek && rnd.nextDouble() < a.activeProbability();
            if (!active && orders > 0) {
                continue;
            }
            long weekStart = startDay + 7L * w;
            double season = 1;
            if (a.seasonAmplitude() > 0) {
                season = Math.max(0, 1 + a.seasonAmplitude()
                        * Math.cos(2 * Math.PI * (isoWeek[w] - a.seasonPeakWeek()) / 52.0));
            }
            double rate = level * Math.exp(a.trendPerYear() * w / 52.0) * season * noise;
            int n = active ? poisson(rnd, rate) : 0;
            if (n == 0 && orders == 0 && (w == weeks - 1 || w + 1 >= churnWeek)) {
                n = 1; // guarantee one order per entity
            }
            if (n == 0) {
                continue;
            }
            wk.clear(n);
            for (int k = 0; k < n; k++) {
                long t = (weekStart + rnd.nextInt(7)) * 86_400L + 8 * 3600 + rnd.nextInt(12 * 3600);
                int lines = 1 + poisson(rnd, 1.5);
                wk.startOrder(k, t);
                for (int l = 0; l < lines; l++) {
                    int it = rnd.nextDouble() < 0.7
                            ? Math.min(items - 1, home * itemsPerCategory + rnd.nextInt(itemsPerCategory))
                            : rnd.nextInt(items);
                    double qty = 1 + poisson(rnd, basket - 1);
                    wk.addLine(it, qty);
                }
            }
            wk.endOrders(n);
            orders += n;
            // orders of the week in time order (ties: generation order), lines by item then quantity
            for (int k = 0; k < n; k++) {
                int g = wk.sorted[k];
                int code = out.orders++;
                for (int l = wk.lineStart[g]; l < wk.lineStart[g + 1]; l++) {
                    int line = wk.lineOrder[l];
                    int it = wk.lineItem[line];
                    double qty = wk.lineQty[line];
                    out.add(wk.orderTime[g], code, qty, Math.round(qty * price[it] * 100) / 100.0, it);
                }
            }
        }
        out.entityEnd[e - out.from] = out.rows;
    }

    /** Buffers of one week of one entity (reused). */
    private static final class Week {
        long[] orderTime = new long[16];
        int[] lineStart = new int[17];
        int[] sorted = new int[16];
        int[] lineItem = new int[64];
        double[] lineQty = new double[64];
        int[] lineOrder = new int[64];
        int lines;

        void clear(int n) {
            if (orderTime.length < n) {
                orderTime = new long[2 * n];
                lineStart = new int[2 * n + 1];
                sorted = new int[2 * n];
            }
            lines = 0;
        }

        void startOrder(int k, long t) {
            orderTime[k] = t;
            lineStart[k] = lines;
        }

        void addLine(int item, double qty) {
            if (lines == lineItem.length) {
                lineItem = Arrays.copyOf(lineItem, 2 * lines);
                lineQty = Arrays.copyOf(lineQty, 2 * lines);
                lineOrder = Arrays.copyOf(lineOrder, 2 * lines);
            }
            lineItem[lines] = item;
            lineQty[lines] = qty;
            lineOrder[lines] = lines;
            lines++;
        }

        void endOrders(int n) {
            lineStart[n] = lines;
            // insertion sorts: orders by time (stable), each order's lines by (item, quantity)
            for (int k = 0; k < n; k++) {
                int g = k;
                int j = k;
                while (j > 0 && orderTime[sorted[j - 1]] > orderTime[g]) {
                    sorted[j] = sorted[j - 1];
                    j--;
                }
                sorted[j] = g;
            }
            for (int k = 0; k < n; k++) {
                for (int l = lineStart[k] + 1; l < lineStart[k + 1]; l++) {
                    int x = lineOrder[l];
                    int j = l;
                    while (j > lineStart[k] && lineAfter(lineOrder[j - 1], x)) {
                        lineOrder[j] = lineOrder[j - 1];
                        j--;
                    }
                    lineOrder[j] = x;
                }
            }
        }

        private boolean lineAfter(int a, int b) {
            return lineItem[a] != lineItem[b] ? lineItem[a] > lineItem[b] : lineQty[a] > lineQty[b];
        }
    }

    /** The primitive columns of one block of entities (order codes local to the block). */
    private static final class Block {
        final int from;
        final int to;
        final int[] entityEnd;
        final Week week = new Week();
        long[] time = new long[1024];
        int[] order = new int[1024];
        double[] quantity = new double[1024];
        double[] amount = new double[1024];
        int[] item = new int[1024];
        int rows;
        int orders;

        Block(int from, int to) {
            this.from = from;
            this.to = to;
            this.entityEnd = new int[to - from];
        }

        void add(long t, int o, double q, double a, int it) {
            if (rows == time.length) {
                int c = 2 * rows;
                time = Arrays.copyOf(time, c);
                order = Arrays.copyOf(order, c);
                quantity = Arrays.copyOf(quantity, c);
                amount = Arrays.copyOf(amount, c);
                item = Arrays.copyOf(item, c);
            }
            time[rows] = t;
            order[rows] = o;
            quantity[rows] = q;
            amount[rows] = a;
            item[rows] = it;
            rows++;
        }

        void trim() {
            time = Arrays.copyOf(time, rows);
            order = Arrays.copyOf(order, rows);
            quantity = Arrays.copyOf(quantity, rows);
            amount = Arrays.copyOf(amount, rows);
            item = Arrays.copyOf(item, rows);
        }
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
        private double switchProbability;
        private int switchEveryWeeks = 13;

        private Builder() {
        }

        /**
         * Archetype switches (see the class comment): every {@code everyWeeks} weeks each entity switches with
         * {@code probability} to another archetype of the list. Probability 0 (the default) turns them off.
         *
         * @throws IllegalArgumentException when {@code probability} is not in [0, 1] or {@code everyWeeks < 1}
         */
        public Builder switches(double probability, int everyWeeks) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("switch probability must be in [0, 1] but was " + probability);
            }
            if (everyWeeks < 1) {
                throw new IllegalArgumentException("switch period must be >= 1 week but was " + everyWeeks);
            }
            this.switchProbability = probability;
            this.switchEveryWeeks = everyWeeks;
            return this;
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
