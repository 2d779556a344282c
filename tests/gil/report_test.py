"""Tests of bench/fidelity/report.py's regime classification and verdict,
on convoy runs recorded with report.py's own runner (tests/gil/data/, one
row: 10 CPython and 10 model runs at 20 ms, 30 round trips each, on the
busy 2-core machine, so both regimes occur). The rules tested are those of issue 19: a run's regime
follows from the share of its round trips that waited >= half an interval;
a row passes when the model's median drop and spread are each within 2x of
CPython's. Run: python3 -m unittest tests/gil/report_test.py"""
import copy
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench", "fidelity"))
import report  # noqa: E402


def load_row():
    with open(os.path.join(HERE, "data", "convoy_20ms_runs.json")) as f:
        return json.load(f)


def scaled(runs, factor, every=1):
    """The runs with every `every`-th run's beside mean multiplied by factor:
    its drop (mean beside / the side's alone baseline) scales by exactly that
    factor."""
    out = copy.deepcopy(runs)
    for i, r in enumerate(out):
        if i % every == 0:
            r["beside"]["mean_ms"] *= factor
    return out


class ClassifyTest(unittest.TestCase):
    def test_thresholds(self):
        self.assertEqual(report.classify(1.0), "convoy")
        self.assertEqual(report.classify(0.5), "convoy")
        self.assertEqual(report.classify(0.49), "mixed")
        self.assertEqual(report.classify(0.05), "mixed")
        self.assertEqual(report.classify(0.049), "free-run")
        self.assertEqual(report.classify(0.0), "free-run")

    def test_recorded_regimes_follow_the_latencies(self):
        # Counted here from the raw latencies, independently of
        # slow_fraction: a round trip is slow when >= interval / 2.
        row = load_row()
        interval = row["interval_ms"]
        for side in ("cpython_runs", "model_runs"):
            runs = row[side]
            expected = {"convoy": 0, "mixed": 0, "free-run": 0}
            for r in runs:
                lat = r["beside"]["latencies_ms"]
                share = sum(1 for x in lat if x >= interval / 2) / len(lat)
                expected["convoy" if share >= 0.5 else "free-run" if share < 0.05 else "mixed"] += 1
            self.assertEqual(report.summarise_side(runs)["regimes"], expected)


class SpreadTest(unittest.TestCase):
    def test_agreeing_runs_have_spread_one(self):
        self.assertAlmostEqual(report.spread([7.0, 7.0, 7.0, 7.0]), 1.0)

    def test_spread_is_a_factor_around_the_median(self):
        # Logs 0, ln2, ln4: median ln2, deviations ln2, 0, ln2 -> median ln2.
        self.assertAlmostEqual(report.spread([1.0, 2.0, 4.0]), 2.0)

    def test_a_minority_regime_does_not_dominate(self):
        runs = [100.0, 110.0, 90.0, 105.0, 95.0, 100.0, 1.5, 2.0]
        self.assertLess(report.spread(runs), 1.2)


class VerdictTest(unittest.TestCase):
    def setUp(self):
        self.cpython = load_row()["cpython_runs"]

    def test_identical_sides_pass(self):
        res = report.compare_convoy(self.cpython, copy.deepcopy(self.cpython))
        self.assertAlmostEqual(res["drop_ratio"], 1.0)
        self.assertAlmostEqual(res["spread_ratio"], 1.0)
        self.assertTrue(res["within_2x"])

    def test_median_drop_over_2x_fails(self):
        for factor in (2.5, 0.35):
            res = report.compare_convoy(self.cpython, scaled(self.cpython, factor))
            self.assertAlmostEqual(res["drop_ratio"], factor)
            self.assertFalse(res["within_2x"], factor)

    def test_median_drop_within_2x_passes(self):
        for factor in (1.8, 0.6):
            res = report.compare_convoy(self.cpython, scaled(self.cpython, factor))
            self.assertTrue(res["within_2x"], factor)

    def test_spread_over_2x_fails(self):
        # The model's 10 runs get drops of CPython's median drop times 30
        # (4 runs), 1/30 (3 runs) and 1 (3 runs): the median stays CPython's,
        # but a typical model run now lies 30x from it, far more than
        # CPython's runs lie from theirs.
        median = report.summarise_side(self.cpython)["drop_median"]
        alone = report.alone_baseline(self.cpython)
        model = copy.deepcopy(self.cpython)
        for i, r in enumerate(model):
            r["beside"]["mean_ms"] = median * alone * (30.0, 1 / 30.0, 1.0)[i % 3]
        res = report.compare_convoy(self.cpython, model)
        self.assertTrue(0.5 <= res["drop_ratio"] <= 2.0, res["drop_ratio"])
        self.assertGreater(res["spread_ratio"], 2.0)
        self.assertFalse(res["within_2x"])

    def test_alone_pair_across_cores_does_not_move_the_drop(self):
        # In 4 of the model's 10 runs the I/O pair lands on two cores and
        # its round trip alone costs 4x (measured: 11-13 us on one core,
        # 27-47 us across two); nothing else changes. The runtime is the
        # same, so the verdict must be too.
        model = copy.deepcopy(self.cpython)
        for r in model[::3]:
            r["alone"]["p50_ms"] *= 4.0
        res = report.compare_convoy(self.cpython, model)
        self.assertAlmostEqual(res["drop_ratio"], 1.0)
        self.assertAlmostEqual(res["spread_ratio"], 1.0)

    def test_baseline_is_the_least_of_the_runs_medians(self):
        runs = copy.deepcopy(self.cpython[:3])
        for r, alone in zip(runs, (0.030, 0.012, 0.045)):
            r["alone"]["p50_ms"] = alone
        self.assertAlmostEqual(report.alone_baseline(runs), 0.012)

    def test_verdict_line_names_every_row(self):
        ok = {"label": "5 ms", "within_2x": True}
        bad = {"label": "50 ms", "within_2x": False}
        self.assertEqual(report.verdict_line([ok]), "convoy verdict: PASS (5 ms yes)")
        self.assertEqual(report.verdict_line([ok, bad]),
                         "convoy verdict: FAIL (5 ms yes, 50 ms NO)")


if __name__ == "__main__":
    unittest.main()
