#!/usr/bin/env python3
"""Writes results/sklearn_metrics.json: scikit-learn's metrics on fixed predictions, for StaticNet's metric tests.

Each case holds labels (or regression targets) and predictions drawn from a seeded numpy generator and rounded to
float32, and what scikit-learn computes from them: precision, recall and F1 with every average, ROC AUC, top-k accuracy,
the confusion matrix and the classification report text; MAE, RMSE and R² for regression. The C# tests feed the same
numbers to StaticNet and compare to 1e-6 (the report character for character).

Run with Debian's python3-sklearn (see README.md):  /usr/bin/python3 tests/reference/sklearn_metrics.py
Deterministic: the same file, byte for byte, on every run.
"""
import json
import os

import numpy as np
import sklearn
from sklearn import metrics

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "results", "sklearn_metrics.json")


def f32(a):
    return np.asarray(a, dtype=np.float32)


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def binary_case(name, rng, n, ties=False):
    y = rng.integers(0, 2, n)
    score = 1 / (1 + np.exp(-(1.5 * (2 * y - 1) + rng.normal(0, 1.5, n))))
    if ties:
        score = np.round(score * 8) / 8  # many equal scores
    score = f32(score)
    pred = (score > 0.5).astype(int)
    return {
        "name": name,
        "kind": "binary",
        "classes": 2,
        "actual": y.tolist(),
        "scores": [float(s) for s in score],
        "predicted": pred.tolist(),
        "accuracy": metrics.accuracy_score(y, pred),
        "precision": metrics.precision_score(y, pred, zero_division=0),
        "recall": metrics.recall_score(y, pred, zero_division=0),
        "f1": metrics.f1_score(y, pred, zero_division=0),
        "roc_auc": metrics.roc_auc_score(y, score.astype(np.float64)),
        "confusion_matrix": metrics.confusion_matrix(y, pred, labels=[0, 1]).tolist(),
        "report": metrics.classification_report(y, pred, zero_division=0),
        "report_digits4": metrics.classification_report(y, pred, digits=4, zero_division=0),
    }


def multiclass_case(name, rng, n, classes, present, names=None, skew=0.0):
    """`present` classes occur in the labels; the scores favour the true class, with `skew` pushing towards class 0."""
    y = rng.choice(present, n)
    logits = rng.normal(0, 1.0, (n, classes))
    logits[np.arange(n), y] += 1.2
    logits[:, 0] += skew
    score = f32(softmax(logits))
    pred = score.argmax(axis=1)
    case = {
        "name": name,
        "kind": "multiclass",
        "classes": classes,
        "actual": y.tolist(),
        "scores": [float(s) for s in score.ravel()],
        "predicted": pred.tolist(),
        "accuracy": metrics.accuracy_score(y, pred),
        "confusion_matrix": metrics.confusion_matrix(y, pred, labels=list(range(classes))).tolist(),
        "per_class": {
            "precision": metrics.precision_score(y, pred, average=None, labels=list(range(classes)), zero_division=0).tolist(),
            "recall": metrics.recall_score(y, pred, average=None, labels=list(range(classes)), zero_division=0).tolist(),
            "f1": metrics.f1_score(y, pred, average=None, labels=list(range(classes)), zero_division=0).tolist(),
        },
        "top_k": {str(k): metrics.top_k_accuracy_score(y, score, k=k, labels=list(range(classes))) for k in (1, 2, 3)},
        "report": metrics.classification_report(y, pred, zero_division=0),
        "report_named": metrics.classification_report(
            y, pred, labels=sorted(set(y) | set(pred)), target_names=[names[c] for c in sorted(set(y) | set(pred))], zero_division=0)
        if names else None,
        "class_names": names,
    }
    for average in ("macro", "micro", "weighted"):
        case[average] = {
            "precision": metrics.precision_score(y, pred, average=average, zero_division=0),
            "recall": metrics.recall_score(y, pred, average=average, zero_division=0),
            "f1": metrics.f1_score(y, pred, average=average, zero_division=0),
        }
    return case


def regression_case(name, rng, n, outputs, constant_output=None):
    y = rng.normal(150, 70, (n, outputs))
    if constant_output is not None:
        y[:, constant_output] = 3.5
    pred = y + rng.normal(0, 30, (n, outputs))
    y, pred = f32(y), f32(pred)
    y64, p64 = y.astype(np.float64), pred.astype(np.float64)
    return {
        "name": name,
        "kind": "regression",
        "outputs": outputs,
        "actual": [float(v) for v in y.ravel()],
        "predicted": [float(v) for v in pred.ravel()],
        "mae": metrics.mean_absolute_error(y64, p64),
        "rmse": metrics.mean_squared_error(y64, p64, squared=False),
        "r2": metrics.r2_score(y64, p64),
    }


def main():
    rng = np.random.default_rng(20261201)
    cases = [
        binary_case("binary", rng, 200),
        binary_case("binary_ties", rng, 120, ties=True),
        multiclass_case("five_classes", rng, 300, 5, [0, 1, 2, 3, 4], names=["setosa", "versicolor", "virginica", "d", "a longer name"]),
        # Class 4 is in neither the labels nor the predictions; the skew makes class 3 rarely predicted (zero division).
        multiclass_case("absent_class", rng, 80, 5, [0, 1, 2, 3], skew=1.5),
        regression_case("regression", rng, 150, 1),
        regression_case("regression_three_outputs", rng, 100, 3, constant_output=2),
    ]
    document = {"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}
    temporary = OUT + ".tmp"
    with open(temporary, "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
    os.replace(temporary, OUT)


if __name__ == "__main__":
    main()
