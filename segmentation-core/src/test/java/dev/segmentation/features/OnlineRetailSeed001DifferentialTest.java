package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every column of ../shared/data/reference/online_retail_seed001_features.csv (seed 001's retailer features on
 * UCI Online Retail, 4,338 customers): customer x month panel of quantity and distinct StockCodes, each
 * customer's own span, empty months absent.
 */
class OnlineRetailSeed001DifferentialTest {
    private static Transactions tx;
    private static RetailTestData.Reference ref;

    @BeforeAll
    static void load() {
        tx = RetailTestData.onlineRetail();
        ref = RetailTestData.reference("online_retail_seed001_features.csv");
    }

    private static void check(FeatureTable t, String column, String refColumn, double tol) {
        assertEquals(4338, t.rows());
        int c = t.columnIndex(column);
        double worst = 0;
        String worstId = null;
        for (int r = 0; r < t.rows(); r++) {
            String id = t.entityId(r);
            assertTrue(ref.rows.containsKey(id), id);
            double expected = ref.value(id, refColumn);
            double err = Math.abs(t.get(r, c) - expected) / Math.max(1, Math.abs(expected));
            if (err > worst) {
                worst = err;
                worstId = id;
            }
        }
        String w = worstId;
        double wv = worst;
        assertTrue(worst <= tol, () -> column + ": worst error " + wv + " at " + w + " exceeds " + tol);
    }

    private static final FitContext CTX = FitContext.seeded(1).withThreads(2);

    @Test
    void monthlyProfileMatches() {
        FeatureTable t = Features.monthlyProfile().extract(tx, CTX);
        for (int m = 1; m <= 12; m++) {
            String mm = (m < 10 ? "0" : "") + m;
            check(t, "avg_qty_month_" + mm, "avg_qty_month_" + mm, 1e-9);
            check(t, "avg_items_month_" + mm, "avg_items_month_" + mm, 1e-9);
        }
    }

    @Test
    void stabilityMatches() {
        FeatureTable t = Features.stability(Features.entityMonthlySpec()).extract(tx, CTX);
        check(t, "cv_qty", "cv_qty", 1e-9);
        check(t, "cv_items", "cv_items", 1e-9);
    }

    @Test
    void entropiesMatch() {
        check(Features.entropy(Entropy.Over.PERIOD).extract(tx, CTX), "entropy_period", "entropy_period",
                1e-9);
        check(Features.entropy(Entropy.Over.CALENDAR_MONTH).extract(tx, CTX), "entropy_calendar_month",
                "entropy_calendar_month", 1e-9);
    }

    @Test
    void growthMatches() {
        FeatureTable t = Features.growth().extract(tx, CTX);
        check(t, "growth_qty", "growth_qty", 1e-9);
        check(t, "growth_items", "growth_items", 1e-9);
    }

    @Test
    void activeMonthsAndYearsMatch() {
        FeatureTable t = Features.activity(Features.entityMonthlySpec()).extract(tx, CTX);
        check(t, "active_periods", "active_months", 0);
        check(t, "active_years", "active_years", 0);
    }

    @Test
    void panelKeepsEveryFilteredUnitOfQuantity() {
        Panel p = Panel.of(tx, Features.entityMonthlySpec(), CTX);
        double total = 0;
        for (int r = 0; r < tx.size(); r++) {
            total += tx.quantity(r);
        }
        assertEquals(total, p.total(), 1e-6);
    }
}
