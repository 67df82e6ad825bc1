using System.Text.Json;
using Samples.BreastCancer;
using Samples.Diabetes;
using Samples.Sunspots;
using Samples.Mnist;
using Samples.Wine;
using Samples.Words;
using SkiaSharp;

namespace StaticNet.Tests.Samples;

/// <summary>The BreastCancer, Diabetes and Wine samples, run as their Program runs them, and what each README claims.</summary>
public class SampleTests : IDisposable
{
    private static readonly string DataFolder = Path.Combine(AppContext.BaseDirectory, "Data");

    private readonly string _output = Directory.CreateTempSubdirectory("snet-samples").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private static void AssertPicture(string path, int width, int minimumHeight)
    {
        using SKBitmap bitmap = SKBitmap.Decode(path);
        Assert.Equal(width, bitmap.Width);
        Assert.True(bitmap.Height >= minimumHeight, $"{path}: {bitmap.Height} px high");
    }

    [Fact]
    public void Breast_cancer_weights_the_classes_stops_early_with_the_best_weights_and_finds_the_malignant_cases()
    {
        var log = new StringWriter();
        BreastCancerOutcome o = BreastCancerExample.Run(Path.Combine(DataFolder, "breast_cancer.csv"), _output, log);

        // Balanced weights: n / (2 · count); malignant (212 of 569 in the file) is the rarer class and weighs more.
        Assert.True(o.ClassWeights[1] > 1f && o.ClassWeights[0] < 1f);

        // Early stopping restored the best epoch: the model's validation loss is the best one the history logged.
        Assert.Equal(o.History["val_loss"].Min(), o.Validation.Loss, 5);
        Assert.Equal(o.Stopping.BestEpoch, o.History.Best("val_loss").Epoch);

        // Beyond accuracy, on the 114 held-out patients.
        Assert.True(o.Test["recall"] >= 0.9, $"recall {o.Test["recall"]}");
        Assert.True(o.Test["precision"] >= 0.9, $"precision {o.Test["precision"]}");
        Assert.True(o.Test["auc"] >= 0.97, $"AUC {o.Test["auc"]}");
        Assert.Equal(o.TestMatrix.Recall(Average.Binary), o.Test["recall"], 12);
        Assert.Contains("   malignant", o.Report);
        Assert.Equal(114, o.TestMatrix.Total);
        AssertPicture(o.LearningCurves, 800, 6 * 300);
        AssertPicture(o.ConfusionPicture, 600, 500);
        Assert.Contains("val_auc", log.ToString());
    }

    [Fact]
    public void Mnist_lenet_learns_real_digits_and_draws_its_confusion_matrix_and_saliency_maps()
    {
        // A quick run (the sample's default is 8,000 digits for 30 epochs): 3,000 digits, 3 epochs.
        MnistOutcome o = MnistExample.Run(Path.Combine(DataFolder, "mnist"), _output, log: null, epochs: 3, trainCount: 3_000);
        Assert.Equal(2_000, o.TestCount);
        Assert.Equal(3, o.History.Count);
        Assert.True(o.Test.Accuracy >= 0.9, $"LeNet-5 after 3 epochs on 2,700 digits: test accuracy {o.Test.Accuracy}.");
        Assert.True(o.History["val_accuracy"][^1] >= 0.85, $"validation accuracy {o.History["val_accuracy"][^1]}");
        Assert.Equal(2_000, o.TestMatrix.Total);
        AssertPicture(o.ConfusionPicture, 600, 500);
        AssertPicture(o.SaliencyPicture, 8 + 10 * (28 * 6 + 8), 2 * 28 * 6);

        // The split is stratified: about 200 of each digit are held out (1,001 zeros to 863 fives in the file).
        Assert.All(Enumerable.Range(0, 10), d => Assert.InRange(Enumerable.Range(0, 10).Sum(p => o.TestMatrix[d, p]), 170L, 230L));
    }

    [Fact]
    public void Diabetes_regression_reports_mae_rmse_and_r2_in_target_units_near_the_linear_baseline()
    {
        JsonElement baseline = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "results", "diabetes_linear_regression.json"))).RootElement;
        Assert.Equal(DiabetesExample.BaselineR2, baseline.GetProperty("r2").GetDouble(), 4);
        Assert.Equal(DiabetesExample.BaselineMae, baseline.GetProperty("mae").GetDouble(), 3);

        DiabetesOutcome o = DiabetesExample.Run(DataFolder, _output, log: null);
        Assert.Equal(89, DiabetesExample.Load(DataFolder).Test.Count);
        Assert.InRange(o.R2, DiabetesExample.BaselineR2 - 0.08, 1.0);
        Assert.InRange(o.MeanAbsoluteError, 30, DiabetesExample.BaselineMae + 5);
        Assert.True(o.RootMeanSquaredError >= o.MeanAbsoluteError);
        Assert.True(o.History.Contains("learning_rate") && o.History["learning_rate"][^1] < 0.001, "ReduceLROnPlateau lowered the rate");
        AssertPicture(o.LearningCurves, 800, 4 * 300);
    }

    [Fact]
    public void Sunspots_lstm_forecasts_near_the_linear_autoregression_and_far_ahead_of_the_naive_forecast()
    {
        JsonElement baseline = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "results", "sunspots.json"))).RootElement;
        SunspotsOutcome o = SunspotsExample.Run(DataFolder, _output, log: null);

        // The baselines, computed here, against numpy's (sunspots_baseline.py) on the same split.
        Assert.Equal(baseline.GetProperty("test_windows").GetInt32(), o.TestYears);
        Assert.Equal(79, o.TestYears);
        Assert.Equal(baseline.GetProperty("naive_mae").GetDouble(), o.NaiveMae, 1e-3);
        Assert.Equal(baseline.GetProperty("linear_mae").GetDouble(), o.LinearMae, 1e-3);
        double[] numpy = baseline.GetProperty("coefficients").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(numpy.Length, o.LinearCoefficients.Length);
        for (int i = 0; i < numpy.Length; i++)
        {
            Assert.Equal(numpy[i], o.LinearCoefficients[i], 1e-6);
        }

        // The LSTM learns the cycle: far ahead of the naive forecast, near the linear autoregression.
        Assert.True(o.NetworkMae < 0.75 * o.NaiveMae, $"LSTM {o.NetworkMae:F2}, naive {o.NaiveMae:F2}");
        Assert.True(o.NetworkMae < 1.25 * o.LinearMae, $"LSTM {o.NetworkMae:F2}, linear {o.LinearMae:F2}");
        AssertPicture(o.Plot, 800, 400);
    }

    [Fact]
    [Trait("Category", "Slow")] // 20,000 words through a bidirectional GRU, about a minute on a 2-core machine
    public void Words_gru_tells_the_language_near_the_ngram_baseline_and_a_second_process_predicts_through_the_bundle()
    {
        JsonElement baseline = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "results", "words.json"))).RootElement;
        Assert.Equal(WordsExample.BaselineAccuracy, baseline.GetProperty("accuracy").GetDouble(), 1e-4); // the number the sample prints
        Assert.Equal(WordsExample.Languages, baseline.GetProperty("languages").EnumerateArray().Select(l => l.GetString()!));
        WordsOutcome o = WordsExample.Run(DataFolder, _output, log: null);
        Assert.Equal(baseline.GetProperty("train").GetInt32(), o.TrainWords);
        Assert.Equal(baseline.GetProperty("test").GetInt32(), o.TestWords);

        // Held-out words: well above chance (20 %), within three points of the n-gram model, each language mostly right.
        Assert.True(o.Accuracy >= WordsExample.BaselineAccuracy - 0.03, $"GRU {o.Accuracy:P1}, n-gram logistic regression {WordsExample.BaselineAccuracy:P1}");
        Assert.Equal(o.TestWords, o.Confusion.Total);
        for (int c = 0; c < WordsExample.Languages.Length; c++)
        {
            Assert.True(o.Confusion.RecallOf(c) >= 0.8, $"{WordsExample.Languages[c]}: recall {o.Confusion.RecallOf(c):P1}");
        }

        AssertPicture(o.Plot, 600, 520);

        // A second process with only the bundle (the network, the character vocabulary and the language names) gives
        // the languages this process's bundle gives, from raw words.
        string[] words = ["fenêtre", "mañana", "città", "straße", "window", "ventana", "finestra", "fenster", "ciudad"];
        var inProcess = WordsExample.Predict(o.Bundle, words).Select(p => $"{p.Word}\t{p.Language}").ToArray();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8 };
        foreach (string argument in new[] { typeof(WordsExample).Assembly.Location, "predict", o.Bundle }.Concat(words))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(inProcess, lines.Select(l => string.Join('\t', l.Split('\t')[..2])));
        // Words whose letters give them away (ê, ñ, à, ß; English's -ow): the model learned what a reader would.
        Assert.Equal(["french", "spanish", "italian", "german", "english"], lines.Take(5).Select(l => l.Split('\t')[1]));
    }

    [Fact]
    public void Wine_grid_search_ranks_forty_two_settings_the_best_generalises_and_the_importance_chart_is_drawn()
    {
        WineOutcome o = WineExample.Run(Path.Combine(DataFolder, "wine.csv"), _output);
        Assert.Equal(7 * 3 * 2, o.Grid.Count);
        Assert.Equal(7, o.Grid.Select(r => r.Settings.Optimizer).Distinct().Count());
        Assert.True(o.Grid[0].Mean >= 0.95, $"best cross-validated accuracy {o.Grid[0].Mean}");
        Assert.True(o.Grid[^1].Mean < o.Grid[0].Mean);
        Assert.Equal(4, o.Architectures.Count);
        Assert.All(o.Architectures, r => Assert.Equal(o.Grid[0].Settings, r.Settings));
        Assert.Equal(o.Grid.Single(r => r.Settings == o.Grid[0].Settings).Scores, o.Architectures.Single(r => r.Architecture!.Name == "13-16-3").Scores);
        Assert.True(o.Test.Accuracy >= 0.9, $"test accuracy {o.Test.Accuracy}");
        Assert.Equal(13, o.Importance.Mean.Count);
        AssertPicture(o.ImportanceChart, 800, 500);

        // The same seed gives the same grid on one thread.
        WineOutcome again = WineExample.Run(Path.Combine(DataFolder, "wine.csv"), _output, degreeOfParallelism: 1);
        Assert.Equal(o.Grid.Select(r => r.Scores), again.Grid.Select(r => r.Scores));
        Assert.Equal(o.Architectures.Select(r => r.Scores), again.Architectures.Select(r => r.Scores));
    }
}
