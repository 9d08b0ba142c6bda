package dev.segmentation.supervised.forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The forecasting method chosen per group (segment or demand class) by a backtest: for each group the method with
 * the lowest {@link Criterion} value over the group's series, with the figures of every candidate kept as the
 * explanation. A plan is plain data: {@link #write} and {@link #read} persist it as versioned text, and
 * {@link #asMethod} turns it into a {@link ForecastMethod} that forecasts each entity with its group's method.
 *
 * <p>Selection is O(groups x methods); ties go to the method run first. Immutable and thread-safe.
 */
public final class StrategyPlan {
    /** The first line of a plan file. */
    static final String HEADER = "segmentation-strategy-plan v1";

    /** What "best" means. */
    public enum Criterion {
        /** Lowest WAPE. */
        WAPE,
        /** Lowest MASE. */
        MASE,
        /** Lowest RMSSE. */
        RMSSE
    }

    private final Criterion criterion;
    private final TreeMap<String, String> choice;
    private final TreeMap<String, List<ErrorMetrics>> evidence;

    private StrategyPlan(Criterion criterion, TreeMap<String, String> choice,
            TreeMap<String, List<ErrorMetrics>> evidence) {
        this.criterion = criterion;
        this.choice = choice;
        this.evidence = evidence;
    }

    private static double value(ErrorMetrics m, Criterion c) {
        switch (c) {
            case WAPE:
                return m.wape();
            case MASE:
                return m.mase();
            default:
                return m.rmsse();
        }
    }

    /**
     * Picks the best method per group from metrics as returned by {@link BacktestResult#byGroup} (NaN values never
     * win).
     *
     * @throws IllegalArgumentException when {@code metrics} is empty or a group has no method with a finite value
     */
    public static StrategyPlan select(List<ErrorMetrics> metrics, Criterion criterion) {
        Objects.requireNonNull(criterion, "criterion");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metrics to select from");
        }
        TreeMap<String, List<ErrorMetrics>> byGroup = new TreeMap<>();
        for (ErrorMetrics m : metrics) {
            byGroup.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m);
        }
        TreeMap<String, String> choice = new TreeMap<>();
        for (var g : byGroup.entrySet()) {
            ErrorMetrics best = null;
            for (ErrorMetrics m : g.getValue()) {
                double v = value(m, criterion);
                if (Double.isFinite(v) && (best == null || v < value(best, criterion))) {
                    best = m;
                }
            }
            if (best == null) {
                throw new IllegalArgumentException("group " + g.getKey() + " has no method with a finite " + criterion);
            }
            choice.put(g.getKey(), best.method());
        }
        return new StrategyPlan(criterion, choice, byGroup);
    }

    /** The criterion. */
    public Criterion criterion() {
        return criterion;
    }

    /** Group to chosen method name, groups sorted (unmodifiable). */
    public Map<String, String> choices() {
        return Collections.unmodifiableMap(choice);
    }

    /** The chosen method of {@code group}. @throws IllegalArgumentException when the plan has no such group */
    public String methodOf(String group) {
        String m = choice.get(group);
        if (m == null) {
            throw new IllegalArgumentException("the plan has no group " + group + " (groups: " + choice.keySet() + ")");
        }
        return m;
    }

    /** One line per group: the choice and every candidate's criterion value, best first. */
    public List<String> explain() {
        List<String> out = new ArrayList<>();
        for (var g : choice.entrySet()) {
            List<ErrorMetrics> ev = new ArrayList<>(evidence.getOrDefault(g.getKey(), List.of()));
            ev.sort((a, b) -> Double.compare(value(a, criterion), value(b, criterion)));
            StringBuilder s = new StringBuilder();
            s.append(g.getKey()).append(": ").append(g.getValue());
            if (!ev.isEmpty()) {
                s.append(" (").append(criterion).append(' ');
                for (int i = 0; i < ev.size(); i++) {
                    s.append(i == 0 ? "" : ", ").append(ev.get(i).method()).append(' ')
                            .append(String.format("%.4f", value(ev.get(i), criterion)));
                }
                s.append("; ").append(ev.get(0).series()).append(" series)");
            }
            out.add(s.toString());
        }
        return out;
    }

    /** Writes the plan as text: a version line, the criterion, then {@code group<TAB>method} lines. */
    public void write(Writer out) throws IOException {
        out.write(HEADER + "\n");
        out.write("criterion\t" + criterion + "\n");
        for (var g : choice.entrySet()) {
            if (g.getKey().contains("\t") || g.getKey().contains("\n")) {
                throw new IllegalStateException("group " + g.getKey() + " contains a tab or a newline");
            }
            out.write(g.getKey() + "\t" + g.getValue() + "\n");
        }
    }

    /**
     * Reads a plan written by {@link #write} (without its evidence).
     *
     * @throws IOException when the version line is not {@value #HEADER} or a line is malformed (naming the line)
     */
    public static StrategyPlan read(Reader in) throws IOException {
        BufferedReader r = new BufferedReader(in);
        String h = r.readLine();
        if (!HEADER.equals(h)) {
            throw new IOException("not a strategy plan of a known version: first line is " + h + ", expected "
                    + HEADER);
        }
        String c = r.readLine();
        Criterion criterion;
        try {
            if (c == null || !c.startsWith("criterion\t")) {
                throw new IllegalArgumentException();
            }
            criterion = Criterion.valueOf(c.substring("criterion\t".length()));
        } catch (IllegalArgumentException e) {
            throw new IOException("line 2 must be criterion<TAB>WAPE|MASE|RMSSE but is " + c);
        }
        TreeMap<String, String> choice = new TreeMap<>();
        String line;
        int no = 2;
        while ((line = r.readLine()) != null) {
            no++;
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1 || line.indexOf('\t', tab + 1) >= 0) {
                throw new IOException("line " + no + " must be group<TAB>method but is " + line);
            }
            choice.put(line.substring(0, tab), line.substring(tab + 1));
        }
        return new StrategyPlan(criterion, choice, new TreeMap<>());
    }

    /**
     * A method that forecasts each entity with the method its group chose; every chosen method must be in
     * {@code methods}, and {@code groupOf} gives each entity's group (the panel's entity order). Its history is the
     * largest among the chosen methods.
     *
     * @throws IllegalArgumentException when a chosen method is missing from {@code methods}
     */
    public ForecastMethod asMethod(List<? extends ForecastMethod> methods, java.util.function.Function<ForecastPanel,
            String[]> groupOf) {
        Map<String, ForecastMethod> byName = new LinkedHashMap<>();
        for (ForecastMethod m : methods) {
            byName.put(m.name(), m);
        }
        int history = 1;
        for (String m : choice.values()) {
            ForecastMethod fm = byName.get(m);
            if (fm == null) {
                throw new IllegalArgumentException("the plan chose " + m + ", which is not among the methods "
                        + byName.keySet());
            }
            history = Math.max(history, fm.minHistory());
        }
        final int minHistory = history;
        return new ForecastMethod() {
            @Override
            public String name() {
                return "plan_" + criterion.name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public int minHistory() {
                return minHistory;
            }

            @Override
            public Forecast forecast(ForecastPanel panel, int origin, int horizon) {
                ForecastMethod.checkOrigin(this, panel, origin, horizon);
                String[] groups = groupOf.apply(panel);
                int ne = panel.entityCount();
                TreeMap<String, List<Integer>> members = new TreeMap<>();
                for (int e = 0; e < ne; e++) {
                    members.computeIfAbsent(methodOf(groups[e]), k -> new ArrayList<>()).add(e);
                }
                double[] out = new double[ne * horizon];
                for (var g : members.entrySet()) {
                    int[] es = g.getValue().stream().mapToInt(Integer::intValue).toArray();
                    Forecast f = byName.get(g.getKey()).forecast(panel.subset(es), origin, horizon);
                    double[] p = f.pointArray();
                    for (int i = 0; i < es.length; i++) {
                        System.arraycopy(p, i * horizon, out, es[i] * horizon, horizon);
                    }
                }
                return new Forecast(name(), origin, ne, horizon, out);
            }
        };
    }

    @Override
    public String toString() {
        return "StrategyPlan[" + criterion + ", " + choice + "]";
    }
}
