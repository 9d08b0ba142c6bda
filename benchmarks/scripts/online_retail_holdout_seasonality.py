#!/usr/bin/python3
"""Issue 15, the holdout shortfall of the CustomerLifetimeValue example: is it the model or the calibration split?

Counts purchase days (one purchase = one customer and day with a kept line, lifetimes' convention; cancellations,
non-positive quantities and prices and rows without a customer left out, as the reference files) per month, for all
customers and for the closed cohort first seen in December 2010, and the repeat purchase days of the calibration
customers (first purchase on or before 2011-09-08) in the 92 days before and after the split. The model side (our
prediction with the whole-period parameters) is printed by the example itself. Run with Debian's /usr/bin/python3
(pandas) from the repository root; writes benchmarks/results/lifetime-holdout-seasonality-2026-12-06.json; a few
seconds.
"""
import json
import sys

import pandas as pd

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/online_retail_uci/online_retail.csv.gz"
out = sys.argv[2] if len(sys.argv) > 2 else "benchmarks/results/lifetime-holdout-seasonality-2026-12-06.json"
df = pd.read_csv(src, encoding="latin-1")
df = df[df.CustomerID.notna() & ~df.InvoiceNo.astype(str).str.startswith("C") & (df.Quantity > 0)
        & (df.UnitPrice > 0)]
df["day"] = pd.to_datetime(df.InvoiceDate).dt.normalize()
days = df[["CustomerID", "day"]].drop_duplicates()
split = pd.Timestamp("2011-09-08")
first = days.groupby("CustomerID").day.min()
cal_customers = first[first <= split].index
cal = days[days.CustomerID.isin(cal_customers)].merge(first.rename("first"), left_on="CustomerID", right_index=True)
repeat = cal[cal.day > cal["first"]]
before = int(((repeat.day > split - pd.Timedelta(days=92)) & (repeat.day <= split)).sum())
after = int((repeat.day > split).sum())
cohort = first[first < pd.Timestamp("2011-01-01")].index
cd = days[days.CustomerID.isin(cohort) & (days.day >= pd.Timestamp("2011-01-01"))]
doc = {
    "what": "purchase days per month and around the 2011-09-08 calibration split (Online Retail)",
    "pandas": pd.__version__,
    "purchase_days_per_month_all_customers": {str(k): int(v) for k, v in
                                              days.groupby(days.day.dt.to_period("M")).size().items()},
    "december_2010_cohort_customers": int(len(cohort)),
    "purchase_days_per_month_december_2010_cohort": {str(k): int(v) for k, v in
                                                     cd.groupby(cd.day.dt.to_period("M")).size().items()},
    "calibration_customers": int(len(cal_customers)),
    "calibration_customers_repeat_purchase_days_92_days_before_split": before,
    "calibration_customers_purchase_days_92_days_after_split": after,
    "note": "December 2011 holds 9 days only (the data end on 2011-12-09)",
}
json.dump(doc, open(out, "w"), indent=2)
print(json.dumps(doc, indent=2))
