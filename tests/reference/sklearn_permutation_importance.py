#!/usr/bin/env python3
"""Writes results/sklearn_permutation_importance.json: scikit-learn's permutation_importance of a fixed Iris MLP.

A scikit-learn MLPClassifier (4 -> 10 ReLU -> 10 ReLU -> 3 softmax, IrisNet's shape) is trained on standardised iris;
its parameters, rounded to float32, are stored in StaticNet's layout (coefs_ are inputs x units, as StaticNet's kernels)
and the classifier is evaluated with those rounded parameters, so StaticNet's IrisNet loaded with them makes the same
predictions. permutation_importance(scoring='accuracy', n_repeats=10, random_state=42) is then run for real, and the
row permutations it applied are replayed from the same seeds (scikit-learn 1.2.1's _calculate_permutation_scores: one
seed drawn from random_state for every feature, a cumulative shuffle of the row indices per repeat) so the C# test can
apply the very same permutations and compare the importances to 1e-6.

Run with Debian's python3-sklearn (see README.md):  /usr/bin/python3 tests/reference/sklearn_permutation_importance.py
"""
import csv
import json
import os

import numpy as np
import sklearn
from sklearn.inspection import permutation_importance
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.utils import check_random_state

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "results", "sklearn_permutation_importance.json")
IRIS = os.path.join(HERE, "..", "..", "samples", "Iris", "iris.csv")
REPEATS, SEED = 10, 42


def load_iris():
    with open(IRIS) as f:
        rows = list(csv.DictReader(f))
    names = [k for k in rows[0] if k != "species"]
    x = np.array([[float(r[k]) for k in names] for r in rows])
    y = np.array([int(r["species"]) for r in rows])
    return names, x, y


def replay_permutations(n_samples, n_features):
    seed = check_random_state(SEED).randint(np.iinfo(np.int32).max + 1)
    permutations = []
    for _ in range(n_features):
        rng = check_random_state(seed)
        shuffling_idx = np.arange(n_samples)
        column = np.arange(n_samples)  # which original row each position holds
        rounds = []
        for _ in range(REPEATS):
            rng.shuffle(shuffling_idx)
            column = column[shuffling_idx]
            rounds.append(column.tolist())
        permutations.append(rounds)
    return permutations


def main():
    names, x, y = load_iris()
    x = StandardScaler().fit_transform(x).astype(np.float32).astype(np.float64)
    mlp = MLPClassifier(hidden_layer_sizes=(10, 10), activation="relu", max_iter=2000, random_state=0).fit(x, y)
    mlp.coefs_ = [c.astype(np.float32).astype(np.float64) for c in mlp.coefs_]
    mlp.intercepts_ = [b.astype(np.float32).astype(np.float64) for b in mlp.intercepts_]
    parameters = []
    for kernel, bias in zip(mlp.coefs_, mlp.intercepts_):
        parameters += kernel.ravel().tolist() + bias.ravel().tolist()

    result = permutation_importance(mlp, x, y, scoring="accuracy", n_repeats=REPEATS, random_state=SEED)
    permutations = replay_permutations(len(y), x.shape[1])
    # The replay is right if applying it reproduces scikit-learn's scores.
    for f in range(x.shape[1]):
        for r in range(REPEATS):
            permuted = x.copy()
            permuted[:, f] = x[permutations[f][r], f]
            drop = mlp.score(x, y) - mlp.score(permuted, y)
            assert abs(drop - result.importances[f, r]) < 1e-12, (f, r)

    document = {
        "sklearn": sklearn.__version__,
        "feature_names": names,
        "features": x.ravel().tolist(),
        "labels": y.tolist(),
        "parameters": parameters,
        "predictions": mlp.predict(x).tolist(),
        "baseline": mlp.score(x, y),
        "repeats": REPEATS,
        "permutations": permutations,
        "importances_mean": result.importances_mean.tolist(),
        "importances_std": result.importances_std.tolist(),
        "importances": result.importances.tolist(),
    }
    temporary = OUT + ".tmp"
    with open(temporary, "w") as f:
        json.dump(document, f)
        f.write("\n")
    os.replace(temporary, OUT)


if __name__ == "__main__":
    main()
