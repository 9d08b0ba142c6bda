package dev.segmentation.sim;

import dev.segmentation.data.Transactions;
import dev.segmentation.features.Panel;
import dev.segmentation.features.PanelSpec;
import java.util.Objects;

/**
 * The output of a {@link RetailSimulator}: the transactions and the ground-truth archetype of every entity (in
 * the transactions' entity order). Immutable; thread-safe.
 */
public final class Simulation {
    private final Transactions transactions;
    private final Archetype[] truth;

    Simulation(Transactions transactions, Archetype[] truth) {
        this.transactions = transactions;
        this.truth = truth;
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
