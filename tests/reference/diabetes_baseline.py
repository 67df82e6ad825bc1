#!/usr/bin/env python3
"""The Diabetes sample's baseline: scikit-learn's LinearRegression on train_test_split(test_size=0.2, random_state=42).

Writes samples/Diabetes/diabetes_split_rs42.csv (which rows scikit-learn puts in each part, so the sample trains and
tests on exactly these) and results/diabetes_linear_regression.json (the baseline's MAE, RMSE and R² on the test part),
which the sample's README quotes and its test compares with.

Run with Debian's python3-sklearn:  /usr/bin/python3 tests/reference/diabetes_baseline.py
"""
import csv
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
DATA = os.path.join(ROOT, "samples", "Diabetes", "diabetes.csv")
SPLIT = os.path.join(ROOT, "samples", "Diabetes", "diabetes_split_rs42.csv")
OUT = os.path.join(HERE, "results", "diabetes_linear_regression.json")


def write(path, text):
    temporary = path + ".tmp"
    with open(temporary, "w", newline="\n") as f:
        f.write(text)
    os.replace(temporary, path)


def main():
    with open(DATA) as f:
        rows = list(csv.reader(f))
    x = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
    y = np.array([float(r[-1]) for r in rows[1:]])
    index = np.arange(len(y))
    train, test = train_test_split(index, test_size=0.2, random_state=42)
    model = LinearRegression().fit(x[train], y[train])
    predicted = model.predict(x[test])
    result = {
        "sklearn": sklearn.__version__,
        "train": len(train),
        "test": len(test),
        "mae": mean_absolute_error(y[test], predicted),
        "rmse": mean_squared_error(y[test], predicted, squared=False),
        "r2": r2_score(y[test], predicted),
    }
    write(OUT, json.dumps(result, indent=1) + "\n")
    lines = ["split,row_index"] + [f"train,{i}" for i in train] + [f"test,{i}" for i in test]
    write(SPLIT, "\n".join(lines) + "\n")
    print(result)


if __name__ == "__main__":
    main()
