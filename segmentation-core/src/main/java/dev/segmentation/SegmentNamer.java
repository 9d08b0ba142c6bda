package dev.segmentation;

import java.util.List;

/**
 * Gives segments display names from their profiles (e.g. "High Value" for the segment with the largest mean
 * monetary value). The default names segments "Segment 0", "Segment 1"... and noise "Noise".
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
