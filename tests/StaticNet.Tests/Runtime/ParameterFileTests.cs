using StaticNet.Tests.Networks;
using StaticNet.Tests.Training;

namespace StaticNet.Tests.Runtime;

public sealed class ParameterFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("staticnet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Saved_parameters_load_back_bit_for_bit()
    {
        string path = Path.Combine(_directory, "iris.snet");
        var trained = new IrisNet(seed: 7);
        trained.SaveParameters(path);
        var loaded = new IrisNet(seed: 8);
        loaded.LoadParameters(path);
        Assert.True(trained.Parameters.SequenceEqual(loaded.Parameters));
        // Magic, version, the architecture (a length byte and its UTF-8), the two counts, the 193 floats, the checksum.
        string architecture = ParameterFile.Architecture(trained);
        Assert.Equal("Input(4) → Dense(10, ReLU) → Dense(10, ReLU) → Dense(3, Softmax); loss SparseCategoricalCrossEntropy", architecture);
        Assert.Equal(2 * 4 + 1 + System.Text.Encoding.UTF8.GetByteCount(architecture) + 2 * 4 + 193 * 4 + 8, new FileInfo(path).Length);
        Assert.Single(Directory.GetFiles(_directory)); // no temporary file left behind
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_it_whole()
    {
        string path = Path.Combine(_directory, "model.snet");
        new IrisNet(seed: 1).SaveParameters(path);
        var second = new IrisNet(seed: 2);
        second.SaveParameters(path);
        var loaded = new IrisNet(seed: 3);
        loaded.LoadParameters(path);
        Assert.True(second.Parameters.SequenceEqual(loaded.Parameters));
    }

    [Fact]
    public void Loading_into_another_shape_or_from_a_damaged_file_explains_why_and_changes_nothing()
    {
        string path = Path.Combine(_directory, "iris.snet");
        new IrisNet(seed: 7).SaveParameters(path);

        var other = new XorNet(seed: 1);
        float[] before = other.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => other.LoadParameters(path));
        Assert.Contains(
            "saved from a network Input(4) → Dense(10, ReLU) → Dense(10, ReLU) → Dense(3, Softmax); loss SparseCategoricalCrossEntropy, but XorNet is Input(2) → Dense(8, ",
            error.Message,
            StringComparison.Ordinal);
        Assert.True(other.Parameters.SequenceEqual(before));

        // Cut short: said to be truncated, with its length against what its header promises (not only a checksum that differs).
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);
        var iris = new IrisNet(seed: 1);
        before = iris.Parameters.ToArray();
        error = Assert.Throws<InvalidDataException>(() => iris.LoadParameters(path));
        Assert.Contains($"the file is truncated: it has {bytes.Length - 10:N0} bytes, but its header promises at least {bytes.Length:N0}", error.Message, StringComparison.Ordinal);
        Assert.True(iris.Parameters.SequenceEqual(before));

        // A flipped bit in a parameter: the checksum.
        byte[] flipped = bytes.ToArray();
        flipped[^20] ^= 0x10;
        File.WriteAllBytes(path, flipped);
        error = Assert.Throws<InvalidDataException>(() => iris.LoadParameters(path));
        Assert.Contains("the checksum does not match", error.Message, StringComparison.Ordinal);
        Assert.True(iris.Parameters.SequenceEqual(before));

        File.WriteAllBytes(path, bytes[..6]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => iris.LoadParameters(path)).Message, StringComparison.Ordinal);

        File.WriteAllText(path, "not a model");
        error = Assert.Throws<InvalidDataException>(() => iris.LoadParameters(path));
        Assert.Contains("not a StaticNet parameter file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_of_format_version_1_still_load()
    {
        // Version 1 (before non-trainable parameters): magic, version, input size, layer count, each layer's units, the
        // parameter count, the floats.
        var source = new IrisNet(seed: 5);
        string path = Path.Combine(_directory, "v1.snet");
        using (var writer = new BinaryWriter(File.Create(path)))
        {
            writer.Write(0x54454E53u);
            writer.Write(1);
            writer.Write(4);
            writer.Write(3);
            writer.Write(10);
            writer.Write(10);
            writer.Write(3);
            writer.Write(IrisNet.ParameterCount);
            foreach (float value in source.Parameters)
            {
                writer.Write(value);
            }
        }

        var loaded = new IrisNet(seed: 6);
        loaded.LoadParameters(path);
        Assert.True(source.Parameters.SequenceEqual(loaded.Parameters));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(200)]
    [InlineData(-9)]
    public void One_flipped_bit_anywhere_is_caught_by_the_checksum(int position)
    {
        string path = Path.Combine(_directory, "iris.snet");
        new IrisNet(seed: 7).SaveParameters(path);
        byte[] bytes = File.ReadAllBytes(path);
        int index = position >= 0 ? position : bytes.Length + position;
        bytes[index] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var iris = new IrisNet(seed: 1);
        float[] before = iris.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => iris.LoadParameters(path));
        Assert.Contains(position == 0 ? "not a StaticNet parameter file" : "the checksum does not match", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, iris.Parameters.ToArray());
    }

    [Fact]
    public void A_file_from_the_same_widths_with_other_activations_or_loss_is_refused_naming_both()
    {
        string path = Path.Combine(_directory, "tanh.snet");
        new IrisTanhNet(seed: 1).SaveParameters(path);
        var error = Assert.Throws<InvalidDataException>(() => new IrisNet().LoadParameters(path));
        Assert.Contains(
            "saved from a network Input(4) → Dense(10, Tanh) → Dense(10, Tanh) → Dense(3, Softmax); loss SparseCategoricalCrossEntropy, but IrisNet is Input(4) → Dense(10, ReLU) → Dense(10, ReLU) → Dense(3, Softmax); loss SparseCategoricalCrossEntropy",
            error.Message,
            StringComparison.Ordinal);

        new IrisOneHotNet(seed: 1).SaveParameters(path);
        error = Assert.Throws<InvalidDataException>(() => new IrisNet().LoadParameters(path));
        Assert.Contains("loss CategoricalCrossEntropy, but IrisNet is", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_of_format_version_2_still_load()
    {
        // Version 2: magic, version, input size, layer count, per layer type, output size, trainable and non-trainable
        // counts; the two counts; the floats. No checksum.
        var source = new IrisNet(seed: 5);
        string path = Path.Combine(_directory, "v2.snet");
        using (var writer = new BinaryWriter(File.Create(path)))
        {
            writer.Write(0x54454E53u);
            writer.Write(2);
            writer.Write(4);
            writer.Write(3);
            foreach (var (units, parameters) in new[] { (10, 50), (10, 110), (3, 33) })
            {
                writer.Write("Dense");
                writer.Write(units);
                writer.Write(parameters);
                writer.Write(0);
            }

            writer.Write(IrisNet.ParameterCount);
            writer.Write(0);
            foreach (float value in source.Parameters)
            {
                writer.Write(value);
            }
        }

        var loaded = new IrisNet(seed: 6);
        loaded.LoadParameters(path);
        Assert.True(source.Parameters.SequenceEqual(loaded.Parameters));
    }
}
