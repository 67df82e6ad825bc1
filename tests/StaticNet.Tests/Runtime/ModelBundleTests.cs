using System.Diagnostics;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Runtime;

/// <summary>The model bundle (network, scaler, names, checksum) and the scaler a deployed app rebuilds from it.</summary>
public class ModelBundleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snet-bundle").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] Species = ["setosa", "versicolor", "virginica"];

    private (IrisNet Model, StandardScaler Scaler, string Path) Saved()
    {
        Dataset raw = TestData.Iris();
        var (scaler, scaled) = StandardScaler.FitTransform(raw);
        var model = new IrisNet(5);
        model.Fit(scaled, epochs: 30, optimizer: new Adam(0.01f), seed: 1);
        string path = Path.Combine(_folder, "iris.snetmodel");
        ModelBundle.Save(path, model, scaler, Species, raw.FeatureNames);
        return (model, scaler, path);
    }

    [Fact]
    public void A_bundle_round_trips_the_network_the_scaler_and_the_names_and_predicts_from_raw_features()
    {
        var (model, scaler, path) = Saved();
        ModelBundle<IrisNet> bundle = ModelBundle.Load<IrisNet>(path);
        Assert.Equal(model.Parameters.ToArray(), bundle.Network.Parameters.ToArray());
        Assert.Equal(scaler.Mean, bundle.Scaler!.Mean);
        Assert.Equal(scaler.Scale, bundle.Scaler.Scale);
        Assert.Equal(Species, bundle.ClassNames);
        Assert.Equal(TestData.Iris().FeatureNames, bundle.FeatureNames);

        Dataset raw = TestData.Iris();
        for (int i = 0; i < raw.Count; i += 7)
        {
            float[] expected = model.Predict(scaler.Transform(raw.FeaturesOf(i)));
            Assert.Equal(expected, bundle.Predict(raw.FeaturesOf(i)));
        }

        Assert.Equal("setosa", bundle.PredictClassName([5.1f, 3.5f, 1.4f, 0.2f]));
    }

    [Fact]
    public void A_bundle_from_another_network_a_flipped_bit_or_a_truncated_file_is_refused_by_name()
    {
        var (_, _, path) = Saved();
        var other = Assert.Throws<InvalidDataException>(() => ModelBundle.Load<UnrolledIrisNet>(path));
        Assert.Contains("saved from StaticNet.Tests.Networks.IrisNet, not StaticNet.Tests.Networks.UnrolledIrisNet", other.Message);

        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        string flipped = Path.Combine(_folder, "flipped.snetmodel");
        File.WriteAllBytes(flipped, bytes);
        Assert.Contains("checksum does not match", Assert.Throws<InvalidDataException>(() => ModelBundle.Load<IrisNet>(flipped)).Message);

        string truncated = Path.Combine(_folder, "truncated.snetmodel");
        File.WriteAllBytes(truncated, File.ReadAllBytes(path)[..40]);
        Assert.Throws<InvalidDataException>(() => ModelBundle.Load<IrisNet>(truncated));

        string parameters = Path.Combine(_folder, "parameters.snet");
        new IrisNet(1).SaveParameters(parameters);
        Assert.Contains("not a StaticNet model bundle", Assert.Throws<InvalidDataException>(() => ModelBundle.Load<IrisNet>(parameters)).Message);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Saving_refuses_a_scaler_or_names_that_do_not_fit_the_network()
    {
        var scaler = new StandardScaler([0, 0, 0], [1, 1, 1]);
        Assert.Contains("3 features", Assert.Throws<ArgumentException>(() => ModelBundle.Save(Path.Combine(_folder, "x"), new IrisNet(1), scaler)).Message);
        Assert.Contains("2 class names", Assert.Throws<ArgumentException>(() => ModelBundle.Save(Path.Combine(_folder, "x"), new IrisNet(1), classNames: ["a", "b"])).Message);
    }

    [Fact]
    public void A_scaler_rebuilt_from_its_statistics_transforms_one_sample_as_the_fitted_one_transforms_a_dataset()
    {
        Dataset raw = TestData.Iris();
        var (fitted, scaled) = StandardScaler.FitTransform(raw);
        var rebuilt = new StandardScaler(fitted.Mean, fitted.Scale);
        var one = new float[4];
        for (int i = 0; i < raw.Count; i++)
        {
            rebuilt.Transform(raw.FeaturesOf(i), one);
            Assert.Equal(scaled.FeaturesOf(i).ToArray(), one);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        rebuilt.Transform(raw.FeaturesOf(0), one);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Contains("Feature 1's scale is 0", Assert.Throws<ArgumentException>(() => new StandardScaler([0, 0], [1, 0])).Message);
        Assert.Contains("Feature 0's mean is NaN", Assert.Throws<ArgumentException>(() => new StandardScaler([double.NaN], [1])).Message);
        Assert.Contains("2 means and 1 scales", Assert.Throws<ArgumentException>(() => new StandardScaler([0, 0], [1])).Message);
    }

    [Fact]
    public void The_iris_sample_saves_a_bundle_that_a_second_process_loads_to_classify_one_flower()
    {
        string sample = Path.Combine(AppContext.BaseDirectory, "Iris.dll");
        string bundle = Path.Combine(_folder, "iris.snetmodel");
        string save = RunSample(sample, "--save", bundle);
        Assert.Contains("Saved the model", save);
        Assert.StartsWith("setosa (setosa 1.0000", RunSample(sample, "--predict", bundle, "5.1", "3.5", "1.4", "0.2"));
        Assert.StartsWith("virginica", RunSample(sample, "--predict", bundle, "6.7", "3.0", "5.2", "2.3"));
    }

    private static string RunSample(string dll, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(dll);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output + error.Result);
        return output;
    }
}
