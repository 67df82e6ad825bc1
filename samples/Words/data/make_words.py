"""Makes words.csv for the Words sample from Debian's word lists (run once; the output is committed).

Five languages, one list each, as installed by Debian 12's packages (versions and licences in LICENSES.md):
  english  /usr/share/dict/american-english  wamerican 2020.12.07-2   SCOWL, permissive (notice kept)
  french   /usr/share/dict/french            wfrench 1.2.7-2          GPL-2+
  german   /usr/share/dict/ngerman           wngerman 20161207-11     GPL-2+
  italian  /usr/share/dict/italian           witalian 1.10            GPL-3+
  spanish  /usr/share/dict/spanish           wspanish 1.0.30          public domain
Each word is lower-cased (German nouns lose their capital, which would give them away), kept if it is 3 to 16
letters and nothing else (no apostrophes, hyphens or digits), and dropped if any other list has it too (its language
is then ambiguous). From each language 5,000 words are drawn with a seeded generator, and 1,000 of those (20 %) are
the test split, so the split is stratified and the same for the C# sample and the scikit-learn baseline.

/usr/bin/python3 samples/Words/data/make_words.py
"""
import csv
import os

import numpy as np

LISTS = {
    "english": "/usr/share/dict/american-english",
    "french": "/usr/share/dict/french",
    "german": "/usr/share/dict/ngerman",
    "italian": "/usr/share/dict/italian",
    "spanish": "/usr/share/dict/spanish",
}
PER_LANGUAGE, TEST = 5000, 1000
HERE = os.path.dirname(os.path.abspath(__file__))


def words(path):
    with open(path, encoding="utf-8") as f:
        kept = {line.strip().lower() for line in f}
    return {w for w in kept if w.isalpha() and 3 <= len(w) <= 16}


def main():
    sets = {language: words(path) for language, path in LISTS.items()}
    rows = []
    rng = np.random.default_rng(42)
    for language, own in sets.items():
        others = set().union(*(s for l, s in sets.items() if l != language))
        unique = sorted(own - others)
        chosen = rng.choice(len(unique), PER_LANGUAGE, replace=False)
        test = set(rng.choice(PER_LANGUAGE, TEST, replace=False).tolist())
        rows += [(unique[i], language, "test" if k in test else "train") for k, i in enumerate(chosen)]
        print(language, len(own), "words,", len(unique), "in no other list")
    order = rng.permutation(len(rows))
    path = os.path.join(HERE, "..", "words.csv")
    with open(path + ".tmp", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["word", "language", "split"])
        writer.writerows(rows[i] for i in order)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
