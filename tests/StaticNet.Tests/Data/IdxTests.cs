using System.Buffers.Binary;
using System.IO.Compression;

namespace StaticNet.Tests.Data;

/// <summary>MNIST's IDX format: the committed 10,000 digits, plain and gzip files, and a clear error for each fault.</summary>
public class IdxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snet-idx").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Mnist(string kind) => Path.Combine(AppContext.BaseDirectory, "Data", "mnist", $"mnist-10k-{kind}.gz");

    [Fact]
    public void The_committed_digits_load_as_28_by_28_images_with_their_labels()
    {
        Dataset digits = Idx.LoadDataset(Mnist("images-idx3-ubyte"), Mnist("labels-idx1-ubyte"));
        Assert.Equal(10_000, digits.Count);
        Assert.Equal(784, digits.FeatureCount);
        Assert.Equal([28, 28, 1], digits.SampleShape);
        Assert.Equal(10, digits.ClassCount);
        int[] perDigit = new int[10];
        for (int i = 0; i < digits.Count; i++)
        {
            perDigit[digits.LabelOf(i)]++;
        }

        Assert.Equal([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978], perDigit); // the npm package's counts
        Assert.Equal(0f, digits.Features.ToArray().Min());
        Assert.Equal(1f, digits.Features.ToArray().Max());

        // A digit has ink near its centre and none in the corners.
        ReadOnlySpan<float> first = digits.FeaturesOf(0);
        Assert.Equal(0f, first[0]);
        Assert.True(first.ToArray().Count(v => v > 0.5f) > 50, "A 0 has more than 50 bright pixels.");
    }

    [Fact]
    public void Plain_and_gzip_files_read_the_same_and_bytes_scale_to_floats()
    {
        byte[] images = Images(3, 2, 2, [0, 255, 51, 102, 1, 2, 3, 4, 9, 8, 7, 6]);
        string plain = Write("images", images);
        string zipped = Write("images.gz", Gzip(images));
        string labels = Write("labels", Labels([2, 0, 1]));
        Dataset a = Idx.LoadDataset(plain, labels, classCount: 3);
        Dataset b = Idx.LoadDataset(zipped, labels, classCount: 3);
        Assert.Equal(a.Features.ToArray(), b.Features.ToArray());
        Assert.Equal([0f, 1f, 0.2f, 0.4f], a.FeaturesOf(0).ToArray());
        Assert.Equal([2, 2, 1], a.SampleShape);
        Assert.Equal(2, a.LabelOf(0));
    }

    [Fact]
    public void Each_fault_is_named_with_the_file()
    {
        string images = Write("images", Images(2, 2, 2, new byte[8]));
        string labels = Write("labels", Labels([1, 0]));

        // Images and labels swapped: the magic number says which is which.
        var swapped = Assert.Throws<InvalidDataException>(() => Idx.LoadDataset(labels, images));
        Assert.Contains("magic number 0x00000801, expected 0x00000803", swapped.Message, StringComparison.Ordinal);
        Assert.Contains(labels, swapped.Message, StringComparison.Ordinal);

        // Truncated: fewer pixels than the header promises, plain or inside a gzip file.
        byte[] whole = Images(2, 2, 2, new byte[8]);
        string cut = Write("cut", whole[..^3]);
        var truncated = Assert.Throws<InvalidDataException>(() => Idx.LoadDataset(cut, labels));
        Assert.Contains("2 × 2 × 2 = 8 values but 5 follow; the file is truncated", truncated.Message, StringComparison.Ordinal);
        byte[] gzip = Gzip(whole);
        Assert.Throws<InvalidDataException>(() => Idx.LoadDataset(Write("cut.gz", gzip[..^12]), labels));
        Assert.Contains("shorter than an IDX header", Assert.Throws<InvalidDataException>(() => Idx.LoadDataset(Write("tiny", [0, 0, 8, 3, 0, 0]), labels)).Message, StringComparison.Ordinal);

        // Counts that differ.
        var counts = Assert.Throws<InvalidDataException>(() => Idx.LoadDataset(images, Write("three", Labels([1, 0, 1]))));
        Assert.Contains("holds 2 images but", counts.Message, StringComparison.Ordinal);
        Assert.Contains("holds 3 labels", counts.Message, StringComparison.Ordinal);

        // A label past the classes, an absurd dimension, a directory.
        Assert.Contains("label 0 is 7", Assert.Throws<InvalidDataException>(() => Idx.LoadDataset(images, Write("seven", Labels([7, 0])), classCount: 5)).Message, StringComparison.Ordinal);
        byte[] huge = Images(2, 2, 2, new byte[8]);
        BinaryPrimitives.WriteUInt32BigEndian(huge.AsSpan(8), 0x7FFF_FFFF);
        Assert.Contains("the file is truncated", Assert.Throws<InvalidDataException>(() => Idx.LoadDataset(Write("huge", huge), labels)).Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", Assert.Throws<InvalidDataException>(() => Idx.LoadDataset(_folder, labels)).Message, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Images(int count, int rows, int columns, byte[] pixels)
    {
        var bytes = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        pixels.CopyTo(bytes, 16);
        return bytes;
    }

    private static byte[] Labels(byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
