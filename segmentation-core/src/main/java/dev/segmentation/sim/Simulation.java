package dev.segmentation.sim;

import dev.segmentation.data.Transactions;
import dev.segmentation.features.Panel;
import dev.segmentation.features.PanelSpec;
import java.util.Objects;

/**
 * The output of a {@link RetailSimulator}: the transactions and the ground-truth archetype of every entity (in
 * the transactions' entity order), at the start of the horizon ({@link #archetype(int)}) and, when the simulator
 * switched archetypes, in any week ({@link #archetypeAt(int, int)}). Immutable; thread-safe.
 */
public final class Simulation {
    private final Transactions transactions;
    private final Archetype[] truth;
    private final Archetype[][] periods;
    private final int switchEveryWeeks;
    private final int weeks;

    Simulation(Transactions transactions, Archetype[] truth, Archetype[][] periods, int switchEveryWeeks,
            int weeks) {
        this.transactions = transactions;
        this.truth = truth;
        this.periods = periods;
        this.switchEveryWeeks = switchEveryWeeks;
        this.weeks = weeks;
    }

    /**
     * The archetype of entity {@code e} in week {@code week} of the horizon (0-based); without switches, the same
     * as {@link #archetype(int)} for every week.
     *
     * @throws IndexOutOfBoundsException when {@code e} or {@code week} is outside the simulation
     */
    public Archetype archetypeAt(int e, int week) {
        if (week < 0 || week >= weeks) {
            throw new IndexOutOfBoundsException("week " + week + " is outside the horizon [0, " + weeks + ")");
        }
        return periods == null ? truth[e] : periods[e][week / switchEveryWeeks];
    }

    /** Whether any entity switched archetype during the horizon. */
    public boolean hasSwitches() {
        if (periods != null) {
            for (Archetype[] p : periods) {
                for (Archetype a : p) {
                    if (a != p[0]) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The simulated transactions. */
    public Transactions transactions() {
        return transactions;
    }

    /** The archetype of entity {@code e} (transactions entity order). */
    public Archetype archetype(int e) {
        return truth[e];
    }

    /** The archetype of every entity, in the transactions' entity order (a copy). */
    public Archetype[] archetypes() {
        return truth.clone();
    }

    /** The archetype ordinal of every entity, usable as reference labels. */
    public int[] labels() {
        int[] l = new int[truth.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = truth[i].ordinal();
        }
        return l;
    }

    /** The panel of the transactions under {@code spec}. */
    public Panel panel(PanelSpec spec) {
        return Panel.of(transactions, Objects.requireNonNull(spec, "spec"));
    }
}
