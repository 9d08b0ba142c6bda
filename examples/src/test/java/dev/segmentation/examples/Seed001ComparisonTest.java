package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class Seed001ComparisonTest {
    @Test
    void scalingNamesMapToTheirRecipes() {
        assertEquals("Scaling.robust(25.0, 75.0)", Seed001Comparison.scaler("robust").toString());
        assertEquals("Scaling.robust(25.0, 75.0).withZeroRangeFallback()",
                Seed001Comparison.scaler("robust-fallback").toString());
        assertEquals("QuantileScaling.normal().quantiles(1000)", Seed001Comparison.scaler("quantile-normal")
                .toString());
        assertEquals("QuantileScaling.uniform().quantiles(1000)", Seed001Comparison.scaler("quantile-uniform")
                .toString());
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> Seed001Comparison.scaler("minmax"));
        assertEquals("--scaling must be robust, robust-fallback, quantile-normal or quantile-uniform but was 'minmax'",
                e.getMessage());
    }
}
