#!/usr/bin/python3
"""Issue 21 rolling evaluation of refresh strategies on bundled Online Retail, three window designs, one run.

Builds nothing: needs examples/target/segmentation.jar (or SEG_CP, a class path, first on the path) from
`mvn -B -q -o -pl examples -am install -DskipTests`. Runs, from the repository root:
  A. the issue's design: 9-month windows shifted by one month (4 fit in the data), bootstrap 20;
  B. 9-month windows shifted by one week, 13 windows (12 consecutive refreshes), bootstrap 5;
  C. 6-month windows shifted by one month, 7 windows, bootstrap 5;
  D. design A again with inertia budgets 0.01 and 0.05 (no bootstrap), for the change/inertia trade-off;
  S. the simulator with the issue's design (39-week windows shifted by 4 weeks, switches every 4 weeks), beside
     run A's default simulator (26-week windows back to back).
Each writes rolling.csv, causes.csv and rates.png under docs/refresh/<name>/ and its console log; the JSON with
load averages, wall and CPU times goes to benchmarks/results/refresh-rolling-2026-12-06.json.
Usage: /usr/bin/python3 benchmarks/scripts/refresh_rolling.py   (about 5 minutes on a loaded 2-core machine)
"""
import json, os, platform, resource, subprocess, sys, time

CP = os.environ.get("SEG_CP", "examples/target/segmentation.jar")
RUNS = [
    ("9m-shift-1m", ["--months", "9", "--shift", "1", "--resamples", "20"]),
    ("simulator-39w-shift-4w", ["--windows", "2", "--resamples", "0", "--no-gmm", "--simulator-window-weeks", "39",
                                "--simulator-shift-weeks", "4"]),
    ("9m-shift-1w", ["--months", "9", "--shift-weeks", "1", "--windows", "13", "--resamples", "5",
                     "--simulator-entities", "0"]),
    ("6m-shift-1m", ["--months", "6", "--shift", "1", "--windows", "12", "--resamples", "5",
                     "--simulator-entities", "0"]),
    ("9m-shift-1m-budget-0.01", ["--resamples", "0", "--inertia-budget", "0.01", "--simulator-entities", "0",
                                 "--no-gmm"]),
    ("9m-shift-1m-budget-0.05", ["--resamples", "0", "--inertia-budget", "0.05", "--simulator-entities", "0",
                                 "--no-gmm"]),
]

def main():
    out = {"script": "benchmarks/scripts/refresh_rolling.py", "class_path": CP, "machine": platform.uname()._asdict(),
           "cpus": os.cpu_count(), "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.strip(),
           "load_before": os.getloadavg(), "runs": []}
    for name, args in RUNS:
        folder = os.path.join("docs", "refresh", name)
        os.makedirs(folder, exist_ok=True)
        cmd = ["java", "-Xmx3g", "-cp", CP, "dev.segmentation.examples.MonthlyRefresh", "-o", folder] + args
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.time()
        p = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.time() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        log = "\n".join(l for l in p.stdout.splitlines())
        with open(os.path.join(folder, "console.txt"), "w") as f:
            f.write("$ " + " ".join(cmd[4:]) + "\n" + log + "\n")
        out["runs"].append({"name": name, "args": args, "exit": p.returncode, "wall_s": round(wall, 2),
                            "cpu_s": round((r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime), 2),
                            "load_after": os.getloadavg()})
        if p.returncode != 0:
            sys.stderr.write(p.stderr[-3000:])
        # the saved model files are intermediate (each strategy's last refit); charts only for the main designs
        for f in os.listdir(folder):
            if f.endswith(".model.json") or ("budget" in name and f.endswith(".png")):
                os.remove(os.path.join(folder, f))
    out["load_after"] = os.getloadavg()
    os.makedirs("benchmarks/results", exist_ok=True)
    with open("benchmarks/results/refresh-rolling-2026-12-06.json", "w") as f:
        json.dump(out, f, indent=2)
    print(json.dumps(out["runs"], indent=2))

if __name__ == "__main__":
    main()
