"""The Sunspots sample's baselines with numpy: the naive forecast and a linear autoregression on twelve years.

Writes tests/reference/results/sunspots.json, read by SampleTests. The same split as samples/Sunspots: the series
standardised by the mean and (population) standard deviation of 1700-1929; training windows whose targets are 1712-1929,
test windows whose targets are 1930-2008; the autoregression is numpy's least squares of the next year on an intercept
and the twelve years before it. MAE in sunspots on the test years.

Run with Debian's interpreter: /usr/bin/python3 tests/reference/sunspots_baseline.py
"""
import csv
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WINDOW = 12


def main():
    with open(os.path.join(ROOT, "samples", "Sunspots", "sunspots.csv")) as f:
        rows = list(csv.DictReader(f))
    years = np.array([int(float(r["YEAR"])) for r in rows])
    values = np.array([float(r["SUNACTIVITY"]) for r in rows], dtype=np.float32).astype(np.float64)
    split = int(np.where(years == 1930)[0][0])
    mean = values[:split].mean()
    std = values[:split].std()
    scaled = ((values - mean) / std).astype(np.float32).astype(np.float64)  # as the sample stores them: float32

    def windows(first_target, last_target):
        x = np.array([scaled[t - WINDOW:t] for t in range(first_target, last_target + 1)])
        y = np.array([scaled[t] for t in range(first_target, last_target + 1)])
        return x, y

    x_train, y_train = windows(WINDOW, split - 1)
    x_test, y_test = windows(split, len(values) - 1)
    design = np.hstack([np.ones((len(x_train), 1)), x_train])
    beta, *_ = np.linalg.lstsq(design, y_train, rcond=None)
    linear = np.hstack([np.ones((len(x_test), 1)), x_test]) @ beta
    mae = lambda forecast: float(np.mean(np.abs((forecast - y_test) * std)))
    document = {
        "numpy": np.__version__, "train_windows": len(x_train), "test_windows": len(x_test),
        "coefficients": [float(b) for b in beta], "naive_mae": mae(x_test[:, -1]), "linear_mae": mae(linear),
    }
    path = os.path.join(HERE, "results", "sunspots.json")
    with open(path + ".tmp", "w") as f:
        json.dump(document, f, indent=1)
    os.replace(path + ".tmp", path)
    print(document["train_windows"], document["test_windows"], document["naive_mae"], document["linear_mae"])


if __name__ == "__main__":
    main()
