package dev.segmentation.features;

import dev.segmentation.state.StepFactory;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.util.List;

/**
 * Restores the built-in feature extractors from their settings ({@code state()} of each): the panel extractors
 * (demand stats, trend, seasonality, STL strengths, monthly profile, stability, entropy, growth, demand class,
 * activity) and the row extractors (assortment, attribute per order, category focus, engagement reading the
 * frame's events). Registered as a
 * {@link StepFactory} service; applications use {@link Steps}. Stateless and thread-safe; O(1).
 */
public final class FeatureStepFactory implements StepFactory {
    private static final List<String> TYPES = List.of("demand-stats", "trend", "seasonality", "stl-strengths",
            "monthly-profile", "stability", "entropy", "growth", "demand-class", "activity", "assortment",
            "attribute-per-order", "category-focus", "engagement");

    /** The service constructor. */
    public FeatureStepFactory() {
    }

    /** {@code "demand-stats"}, the first of {@link #types()}. */
    @Override
    public String type() {
        return TYPES.get(0);
    }

    @Override
    public List<String> types() {
        return TYPES;
    }

    /**
     * @throws IllegalArgumentException when the type is not one of {@link #types()}, the version is newer than 1, or
     *     a setting is missing or unknown (naming it)
     */
    @Override
    public FeatureExtractor restore(StepState state) {
        String type = state.type();
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("not a feature extractor state: '" + type + "'");
        }
        Steps.requireType(state, type, 1);
        switch (type) {
            case "assortment": {
                boolean items = state.longValue("items") != 0;
                boolean categories = state.longValue("categories") != 0;
                if (!items && !categories) {
                    throw new IllegalArgumentException("assortment state: neither items nor categories");
                }
                return new Assortment(items, categories);
            }
            case "attribute-per-order":
                return Features.attributePerOrder(state.string("attribute"));
            case "category-focus":
                return Features.categoryFocus();
            case "engagement":
                return Features.engagement();
            default:
                break;
        }
        PanelSpec spec = PanelSpec.of(value(Period.class, state, "period"))
                .withMeasure(value(PanelSpec.Measure.class, state, "measure"))
                .withSpan(value(PanelSpec.Span.class, state, "span"))
                .withEmptyCells(value(PanelSpec.EmptyCells.class, state, "emptyCells"));
        switch (type) {
            case "demand-stats":
                return Features.demandStats(spec);
            case "trend":
                return Features.trend(spec);
            case "seasonality":
                return Features.seasonality(spec);
            case "stl-strengths": {
                double shortValue = state.longValue("shortSeriesValueIsNaN") != 0 ? Double.NaN
                        : state.number("shortSeriesValue");
                return Features.stlStrengths(spec).withStl(Stl.fromParams(state.ints("stl")))
                        .withShortSeriesValue(shortValue);
            }
            case "monthly-profile":
                return Features.monthlyProfile(spec);
            case "stability":
                return Features.stability(spec);
            case "entropy":
                return Features.entropy(value(Entropy.Over.class, state, "over"), spec);
            case "growth":
                return Features.growth(spec);
            case "demand-class":
                return Features.demandClass(spec);
            default:
                return Features.activity(spec);
        }
    }

    private static <E extends Enum<E>> E value(Class<E> type, StepState state, String name) {
        String v = state.string(name);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(state.type() + " state: unknown " + name + " '" + v + "'", e);
        }
    }
}
