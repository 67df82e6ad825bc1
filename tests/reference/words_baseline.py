"""The Words sample's baseline: a character n-gram logistic regression (scikit-learn), on the sample's own split.

Reads samples/Words/words.csv (word, language, split: made by samples/Words/data/make_words.py), counts each word's
character 1- to 3-grams inside word boundaries (CountVectorizer(analyzer="char_wb", ngram_range=(1, 3)): " ab", "ab",
…, the classic language-identification features), fits a multinomial logistic regression on the training split and
writes its test accuracy and confusion matrix (rows true, columns predicted, languages in alphabetical order) to
tests/reference/results/words.json, which the sample's test compares StaticNet's GRU with.

/usr/bin/python3 tests/reference/words_baseline.py   (Debian: python3-sklearn)
"""
import csv
import json
import os

import sklearn
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    with open(os.path.join(HERE, "..", "..", "samples", "Words", "words.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    languages = sorted({r["language"] for r in rows})
    train = [r for r in rows if r["split"] == "train"]
    test = [r for r in rows if r["split"] == "test"]
    vectorizer = CountVectorizer(analyzer="char_wb", ngram_range=(1, 3))
    x_train = vectorizer.fit_transform([r["word"] for r in train])
    x_test = vectorizer.transform([r["word"] for r in test])
    y_train = [languages.index(r["language"]) for r in train]
    y_test = [languages.index(r["language"]) for r in test]
    model = LogisticRegression(max_iter=5000, C=1.0)
    model.fit(x_train, y_train)
    predicted = model.predict(x_test)
    document = {
        "sklearn": sklearn.__version__,
        "features": "char_wb 1-3 grams, " + str(x_train.shape[1]) + " of them",
        "languages": languages,
        "train": len(train),
        "test": len(test),
        "accuracy": accuracy_score(y_test, predicted),
        "confusion": confusion_matrix(y_test, predicted).tolist(),
    }
    path = os.path.join(HERE, "results", "words.json")
    with open(path + ".tmp", "w") as f:
        json.dump(document, f, indent=1)
    os.replace(path + ".tmp", path)
    print(json.dumps(document, indent=1))


if __name__ == "__main__":
    main()
