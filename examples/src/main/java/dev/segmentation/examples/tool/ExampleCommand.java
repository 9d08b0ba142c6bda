package dev.segmentation.examples.tool;

import dev.segmentation.examples.CampaignResponse;
import dev.segmentation.examples.CustomerLifetimeValue;
import dev.segmentation.examples.DailyShopItemForecast;
import dev.segmentation.examples.MonthlyRefresh;
import dev.segmentation.examples.NewCustomerSegment;
import dev.segmentation.examples.OnlineRetailSegmentation;
import dev.segmentation.examples.RepurchaseResponse;
import dev.segmentation.examples.RetailDatabaseSegmentation;
import dev.segmentation.examples.Seed001Comparison;
import dev.segmentation.examples.Seed001RawBaseline;
import dev.segmentation.examples.WalmartForecast;
import dev.segmentation.examples.WalmartShapeClusters;
import dev.segmentation.examples.WalmartSkuSegmentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code example NAME [ARGS]}: runs one of the example programs with its own options. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = {"Runs an example program: example NAME [ARGS...] (example NAME --help for its options).",
                "Examples: OnlineRetailSegmentation, MonthlyRefresh, WalmartSkuSegmentation, Seed001Comparison, "
                        + "Seed001RawBaseline, NewCustomerSegment, RepurchaseResponse, CampaignResponse, "
                        + "RetailDatabaseSegmentation, CustomerLifetimeValue, WalmartForecast, DailyShopItemForecast, "
                        + "WalmartShapeClusters."},
        footer = {"", "Exit codes: the example's own (0 ok); 1 for an unknown NAME."})
final class ExampleCommand implements Callable<Integer> {
    static final Map<String, Supplier<Callable<Integer>>> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("OnlineRetailSegmentation", OnlineRetailSegmentation::new);
        EXAMPLES.put("MonthlyRefresh", MonthlyRefresh::new);
        EXAMPLES.put("WalmartSkuSegmentation", WalmartSkuSegmentation::new);
        EXAMPLES.put("Seed001Comparison", Seed001Comparison::new);
        EXAMPLES.put("Seed001RawBaseline", Seed001RawBaseline::new);
        EXAMPLES.put("NewCustomerSegment", NewCustomerSegment::new);
        EXAMPLES.put("RepurchaseResponse", RepurchaseResponse::new);
        EXAMPLES.put("CampaignResponse", CampaignResponse::new);
        EXAMPLES.put("RetailDatabaseSegmentation", RetailDatabaseSegmentation::new);
        EXAMPLES.put("CustomerLifetimeValue", CustomerLifetimeValue::new);
        EXAMPLES.put("WalmartForecast", WalmartForecast::new);
        EXAMPLES.put("DailyShopItemForecast", DailyShopItemForecast::new);
        EXAMPLES.put("WalmartShapeClusters", WalmartShapeClusters::new);
    }

    @Parameters(index = "0", paramLabel = "NAME", description = "The example's class name.")
    String name;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "The example's arguments.")
    List<String> args = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Supplier<Callable<Integer>> example = EXAMPLES.get(name);
        if (example == null) {
            throw new IllegalArgumentException("unknown example \"" + name + "\" (expected one of "
                    + String.join(", ", EXAMPLES.keySet()) + ")");
        }
        CommandLine cl = new CommandLine(example.get());
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        return cl.execute(args.toArray(new String[0]));
    }
}
