#!/usr/bin/env python3
"""Writes a synthetic plan: 24 objectives, a task force each, N activities of
about 0.5-1 KB (multi-line descriptions, comments), N/40 indicators with ten
years of measurements. Deterministic for a given seed.

usage: gen_plan.py DIR N [--seed S] [--identical] [--values M]

Adversarial plans (the worst cases of docs/performance.md):
  --identical  every activity has the same title, description, objective and
               region (a pull request of copied files)
  --values M   indicator I0 gets M measurements, one a day (a huge series)
"""
import argparse
import os
import random

WORDS = ("soil carbon farmers mapping restoration agroforestry grazing policy finance "
         "training monitoring erosion compost cover crops rangeland peatland smallholder "
         "extension advisory dataset carbon-markets tenure water nutrient biodiversity").split()
REGIONS = ["africa", "asia", "europe", "latin-america-caribbean", "north-america", "oceania"]
STAGES = ["idea", "concept", "validated", "interest", "proposal", "agreement",
          "implementation", "completed"]


def vocabulary(seed):
    """About 3,000 words: the domain words first (most frequent), then
    pronounceable invented ones. Drawn with Zipf weights, like real text."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ter", "san", "vo", "ri", "pel", "dun", "ca", "bor", "ne",
                 "tu", "gra", "fin", "so", "lim", "ar", "que", "zo"]
    words = list(WORDS)
    seen = set(words)
    while len(words) < 3000:
        w = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, weights


VOCABULARY, WEIGHTS = vocabulary(0)


def sentence(rng, n):
    return " ".join(rng.choices(VOCABULARY, WEIGHTS, k=n))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--identical", action="store_true")
    ap.add_argument("--values", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    root = args.dir
    for sub in ("objectives", "taskforces", "activities", "indicators"):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    with open(os.path.join(root, "plan.yaml"), "w") as f:
        f.write("format: 1\ntitle: Synthetic plan\ncurrency: EUR\ngoals:\n")
        for g in range(1, 7):
            f.write(f"  - {{id: G{g}, title: Goal {g}}}\n")
        f.write("regions:\n")
        for r in REGIONS:
            f.write(f"  - {{id: {r}, name: {r.title()}}}\n")
    for o in range(1, 25):
        with open(os.path.join(root, f"objectives/O{o}.yaml"), "w") as f:
            f.write(f"id: O{o}\ntitle: Objective {o} {sentence(rng, 5)}\ngoal: G{(o - 1) % 6 + 1}\n"
                    f"targets:\n  2030: {sentence(rng, 8)}\n  2050: {sentence(rng, 8)}\n")
        with open(os.path.join(root, f"taskforces/TF{o}.yaml"), "w") as f:
            f.write(f"id: TF{o}\nname: Task force {o}\nobjectives: [O{o}]\nleaders:\n"
                    f"  - {{name: Leader {o}, org: Org {o}}}\nrepresentatives:\n")
            for r in REGIONS[:4]:
                f.write(f"  - {{name: Rep {r}, region: {r}}}\n")
    n_ind = max(1, args.n // 40)
    for i in range(n_ind):
        with open(os.path.join(root, f"indicators/I{i}.yaml"), "w") as f:
            f.write(f"id: I{i}\ntitle: Indicator {i}\nobjective: O{i % 24 + 1}\nunit: ha\n"
                    f"baseline: {{date: 2015, value: 0}}\ntargets: {{2030: 1000, 2050: 5000}}\n"
                    "measurements:\n")
            if i == 0 and args.values:
                for d in range(args.values):  # one a day from 1950 (the dates stay before the as-of date)
                    year, day = 1950 + d // 336, d % 336
                    f.write(f"  - {{date: {year}-{day // 28 + 1:02}-{day % 28 + 1:02}, value: {d % 997}}}\n")
                continue
            for y in range(2016, 2026):
                f.write(f"  - {{date: {y}, value: {(y - 2015) * rng.randint(10, 60)}, source: survey}}\n")
    previous = None
    for a in range(args.n):
        o = rng.randint(1, 24)
        # About 1% near-duplicates of the activity before (same objective and region).
        duplicate = previous is not None and rng.random() < 0.01
        lo = rng.randint(1, 50) * 10000
        title = sentence(rng, 6).capitalize()
        region = rng.choice(REGIONS)
        description = "".join(f"  {sentence(rng, 12)}\n" for _ in range(rng.randint(3, 7)))
        if duplicate or (args.identical and previous is not None):
            o, region, title, description = previous
        previous = (o, region, title, description)
        with open(os.path.join(root, f"activities/act-{a}.yaml"), "w") as f:
            f.write(f"# Project {a}, added by the synthetic generator\n"
                    f"id: act-{a}\ntitle: {title}\n"
                    f"objectives: [O{o}]\ntask_force: TF{o}\nstage: {rng.choice(STAGES)}\n"
                    f"regions: [{region}]\ncountries: [KE, FR]\n"
                    f"lead: {{name: Lead {a}, org: Org {a % 97}}}\n"
                    f"sponsors: [Sponsor {a % 13}]\n"
                    f"budget: {{currency: EUR, estimate: [{lo}, {lo * 2}], secured: {lo // 2}}}\n"
                    f"start: 2024-0{rng.randint(1, 9)}\nend: 2027-12\n"
                    "description: |\n"
                    + description
                    + f"outputs:\n  - {sentence(rng, 5)}\n  - {sentence(rng, 5)}\n"
                    f"indicators: [I{a % n_ind}]\nupdated: 2026-0{rng.randint(1, 9)}-15\n")


if __name__ == "__main__":
    main()
