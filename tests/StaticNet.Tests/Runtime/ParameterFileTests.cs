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
        // Header: magic, version, input size, layer count; per layer its type ("Dense": a length byte and 5 bytes), output
        // size and parameter counts; the two counts; then the 193 floats.
        Assert.Equal(4 * 4 + 3 * (6 + 3 * 4) + 2 * 4 + 193 * 4, new FileInfo(path).Length);
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
            "saved from a network Input(4) → Dense(10, 50 parameters) → Dense(10, 110 parameters) → Dense(3, 33 parameters), but XorNet is Input(2) → Dense(8, 24 parameters) → Dense(2, 18 parameters)",
            error.Message,
            StringComparison.Ordinal);
        Assert.True(other.Parameters.SequenceEqual(before));

        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);
        var iris = new IrisNet(seed: 1);
        before = iris.Parameters.ToArray();
        error = Assert.Throws<InvalidDataException>(() => iris.LoadParameters(path));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.True(iris.Parameters.SequenceEqual(before));

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
}
