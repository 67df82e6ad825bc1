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
        Assert.Equal(4 * 4 + 4 + 193 * 4 + 4 * 3, new FileInfo(path).Length); // header: magic, version, input, layer count, 3 units, count
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
        Assert.Contains("shape 4-10-10-3, but XorNet has shape 2-8-2", error.Message, StringComparison.Ordinal);
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
}
