package dev.segmentation;

import java.util.List;

/**
 * Gives segments display names from their profiles. The default names segments "Segment 0", "Segment 1"... and
 * noise "Noise"; {@link EffectSizeNamer} names each segment after the features that set it apart from the rest (with
 * their effect sizes in {@link SegmentProfile#effectSizes()}), e.g. "Big Basket, Infrequent", and never gives two
 * segments one name. A namer of one's own should keep names distinct too: charts and tables key on them.
 */
@FunctionalInterface
public interface SegmentNamer {
    /** The default namer. */
    SegmentNamer DEFAULT = (segment, profiles) -> segment < 0 ? "Noise" : "Segment " + segment;

    /**
     * The name of {@code segment}, given the profiles of all segments (their names are still the default ones).
     */
    String name(int segment, List<SegmentProfile> profiles);
}
