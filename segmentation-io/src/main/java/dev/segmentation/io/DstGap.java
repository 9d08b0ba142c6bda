package dev.segmentation.io;

/**
 * What a reader does with a local date-time that does not exist in its time zone because the clocks jumped
 * forward there (a daylight-saving gap: {@code 2011-03-27 01:30} in {@code Europe/London}). Applies when the
 * timestamp pattern holds a zone id ({@code VV}) or the reader has a zone set; local times read as UTC or with an
 * offset have no gap.
 *
 * <p>A local time in an overlap (clocks set back, the hour that happens twice) is read with the earlier offset, the
 * rule of {@link java.time.ZonedDateTime#of}.
 */
public enum DstGap {
    /** The row is rejected as unparseable (the default): the text names a time that did not happen. */
    REJECT,
    /**
     * The time is moved forward by the length of the gap ({@code 01:30} becomes {@code 02:30} BST), as
     * {@link java.time.ZonedDateTime#of} does, and the rows so moved are counted; the reader logs the count at WARN
     * level once per read.
     */
    SHIFT_FORWARD
}
