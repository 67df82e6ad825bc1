using System.Buffers.Binary;
using System.IO.Compression;

namespace StaticNet;

/// <summary>
/// Reads MNIST's IDX files (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c> and the like), plain or
/// gzip-compressed: a big-endian magic number whose third byte is the element type (0x08, unsigned byte) and fourth the
/// number of dimensions, the dimensions, then the values. Every count is checked against the file's length before
/// anything is allocated, and an error names the file and what it found.
/// </summary>
public static class Idx
{
    private const byte UnsignedByte = 0x08;

    /// <summary>
    /// Images and labels as a classification <see cref="Dataset"/>: each image's bytes divided by
    /// <paramref name="divideBy"/> (255 by default: pixels in [0, 1], as Keras's examples scale them), its sample shape
    /// rows × columns × 1 (channels last, as a Conv2D network takes it), and one class index per image.
    /// </summary>
    /// <param name="imagesPath">An images file: magic 0x00000803, count, rows, columns, then the pixels.</param>
    /// <param name="labelsPath">A labels file: magic 0x00000801, count, then one byte per label.</param>
    /// <param name="classCount">The number of classes (10 for digits); every label must be below it.</param>
    /// <param name="divideBy">What each pixel byte is divided by.</param>
    /// <exception cref="InvalidDataException">A file is not an IDX file of the expected kind, is truncated, or the two counts differ (both are named).</exception>
    public static Dataset LoadDataset(string imagesPath, string labelsPath, int classCount = 10, float divideBy = 255f)
    {
        var (pixels, shape) = Read(imagesPath, dimensions: 3);
        var (labels, _) = Read(labelsPath, dimensions: 1);
        int count = shape[0];
        if (labels.Length != count)
        {
            throw new InvalidDataException($"{imagesPath} holds {count} images but {labelsPath} holds {labels.Length} labels.");
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
            {
                throw new InvalidDataException($"{labelsPath}: label {i} is {labels[i]}, not a class index below {classCount}.");
            }
        }

        int size = shape[1] * shape[2];
        var features = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            features[i] = pixels[i] / divideBy;
        }

        float[] targets = Array.ConvertAll(labels, l => (float)l);
        return new Dataset(features, targets, size, classCount: classCount, sampleShape: [shape[1], shape[2], 1]);
    }

    /// <summary>
    /// The unsigned bytes of an IDX file with <paramref name="dimensions"/> dimensions, and those dimensions (the count
    /// first).
    /// </summary>
    /// <exception cref="InvalidDataException">Not an IDX file of unsigned bytes with that many dimensions, a zero or absurd dimension, or fewer bytes than the header promises.</exception>
    public static (byte[] Values, int[] Shape) Read(string path, int dimensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"{path} is a directory, not an IDX file.");
        }

        byte[] bytes = Decompress(path, File.ReadAllBytes(path));
        uint expected = (uint)(UnsignedByte << 8 | dimensions);
        uint magic = bytes.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : expected;
        if (magic != expected)
        {
            throw new InvalidDataException($"{path}: magic number 0x{magic:X8}, expected 0x{expected:X8} (unsigned bytes, {dimensions} dimension(s)); this is not the IDX file expected here.");
        }

        int header = 4 + 4 * dimensions;
        if (bytes.Length < header)
        {
            throw new InvalidDataException($"{path}: {bytes.Length} bytes, shorter than an IDX header of {dimensions} dimension(s) ({header} bytes); the file is truncated.");
        }

        var shape = new int[dimensions];
        long values = 1;
        for (int d = 0; d < dimensions; d++)
        {
            uint dimension = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (dimension == 0 || dimension > int.MaxValue)
            {
                throw new InvalidDataException($"{path}: dimension {d} is {dimension}.");
            }

            shape[d] = (int)dimension;
            values *= dimension;
            if (values > bytes.Length)
            {
                break; // the length check below names the shortfall
            }
        }

        if (values != bytes.Length - header)
        {
            string what = values > bytes.Length - header ? "truncated" : "longer than its header says";
            throw new InvalidDataException($"{path}: the header promises {string.Join(" × ", shape)} = {values} values but {bytes.Length - header} follow; the file is {what}.");
        }

        return (bytes.AsSpan(header).ToArray(), shape);
    }

    /// <summary>A gzip file (magic 1F 8B) decompressed; any other bytes as they are.</summary>
    private static byte[] Decompress(string path, byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != 0x1F || bytes[1] != 0x8B)
        {
            return bytes;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"{path}: a gzip file that does not decompress ({error.Message}); it is truncated or corrupt.", error);
        }
        catch (EndOfStreamException error)
        {
            throw new InvalidDataException($"{path}: a gzip file that ends early; it is truncated.", error);
        }
    }
}
