using System.Text.Json;

namespace StaticNet.Tests.Metrics;

/// <summary>
/// Every metric against scikit-learn 1.2.1 on fixed predictions (tests/reference/sklearn_metrics.py writes them): the
/// static functions, the confusion matrix and report, and the metric objects <c>Fit</c> uses, fed in uneven batches.
/// </summary>
public class SklearnMetricTests
{
    private const double Tolerance = 1e-6;

    private static readonly JsonElement[] Cases = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "results", "sklearn_metrics.json"))).RootElement.GetProperty("cases").EnumerateArray().ToArray();

    private static JsonElement Case(string name) => Cases.Single(c => c.GetProperty("name").GetString() == name);

    private static int[] Ints(JsonElement e, string key) => e.GetProperty(key).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static float[] Floats(JsonElement e, string key) => e.GetProperty(key).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static double Number(JsonElement e, params string[] path)
    {
        foreach (string key in path)
        {
            e = e.GetProperty(key);
        }

        return e.GetDouble();
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("binary_ties")]
    public void Binary_metrics_match_scikit_learn(string name)
    {
        JsonElement c = Case(name);
        int[] actual = Ints(c, "actual"), predicted = Ints(c, "predicted");
        var matrix = new ConfusionMatrix(actual, predicted, 2);
        Assert.Equal(Number(c, "accuracy"), matrix.Accuracy, Tolerance);
        Assert.Equal(Number(c, "precision"), matrix.Precision(Average.Binary), Tolerance);
        Assert.Equal(Number(c, "recall"), matrix.Recall(Average.Binary), Tolerance);
        Assert.Equal(Number(c, "f1"), matrix.F1Score(Average.Binary), Tolerance);
        Assert.Equal(Number(c, "roc_auc"), ClassificationMetrics.RocAuc(actual, Floats(c, "scores")), Tolerance);
        AssertMatrix(c, matrix);
        Assert.Equal(c.GetProperty("report").GetString(), matrix.ClassificationReport());
        Assert.Equal(c.GetProperty("report_digits4").GetString(), matrix.ClassificationReport(digits: 4));
    }

    [Theory]
    [InlineData("five_classes")]
    [InlineData("absent_class")]
    public void Multiclass_metrics_match_scikit_learn_for_every_average(string name)
    {
        JsonElement c = Case(name);
        int classes = c.GetProperty("classes").GetInt32();
        int[] actual = Ints(c, "actual"), predicted = Ints(c, "predicted");
        var matrix = new ConfusionMatrix(actual, predicted, classes);
        Assert.Equal(Number(c, "accuracy"), matrix.Accuracy, Tolerance);
        foreach ((string key, Average average) in new[] { ("macro", Average.Macro), ("micro", Average.Micro), ("weighted", Average.Weighted) })
        {
            Assert.Equal(Number(c, key, "precision"), matrix.Precision(average), Tolerance);
            Assert.Equal(Number(c, key, "recall"), matrix.Recall(average), Tolerance);
            Assert.Equal(Number(c, key, "f1"), matrix.F1Score(average), Tolerance);
        }

        double[] Per(string key) => c.GetProperty("per_class").GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int k = 0; k < classes; k++)
        {
            Assert.Equal(Per("precision")[k], matrix.PrecisionOf(k), Tolerance);
            Assert.Equal(Per("recall")[k], matrix.RecallOf(k), Tolerance);
            Assert.Equal(Per("f1")[k], matrix.F1ScoreOf(k), Tolerance);
        }

        foreach (JsonProperty topK in c.GetProperty("top_k").EnumerateObject())
        {
            Assert.Equal(topK.Value.GetDouble(), ClassificationMetrics.TopKAccuracy(actual, Floats(c, "scores"), classes, int.Parse(topK.Name)), Tolerance);
        }

        AssertMatrix(c, matrix);
        Assert.Equal(c.GetProperty("report").GetString(), matrix.ClassificationReport());
        if (c.GetProperty("class_names").ValueKind == JsonValueKind.Array)
        {
            string[] names = c.GetProperty("class_names").EnumerateArray().Select(v => v.GetString()!).ToArray();
            Assert.Equal(c.GetProperty("report_named").GetString(), matrix.ClassificationReport(names));
        }

        Assert.Throws<InvalidOperationException>(() => matrix.Precision(Average.Binary));
    }

    [Theory]
    [InlineData("regression")]
    [InlineData("regression_three_outputs")]
    public void Regression_metrics_match_scikit_learn(string name)
    {
        JsonElement c = Case(name);
        int outputs = c.GetProperty("outputs").GetInt32();
        float[] actual = Floats(c, "actual"), predicted = Floats(c, "predicted");
        Assert.Equal(Number(c, "mae"), RegressionMetrics.MeanAbsoluteError(actual, predicted, outputs), Tolerance);
        Assert.Equal(Number(c, "rmse"), RegressionMetrics.RootMeanSquaredError(actual, predicted, outputs), Tolerance);
        Assert.Equal(Number(c, "r2"), RegressionMetrics.R2Score(actual, predicted, outputs), Tolerance);

        // The metric objects Fit uses, fed in uneven batches, give the same numbers.
        Metric[] objects = [new MeanAbsoluteError(), new RootMeanSquaredError(), new R2Score()];
        double[] streamed = Stream(objects, Loss.MeanSquaredError, outputs, predicted, actual, outputs);
        Assert.Equal(Number(c, "mae"), streamed[0], Tolerance);
        Assert.Equal(Number(c, "rmse"), streamed[1], Tolerance);
        Assert.Equal(Number(c, "r2"), streamed[2], Tolerance);
    }

    [Fact]
    public void Metric_objects_over_batches_equal_scikit_learn_for_a_sigmoid_classifier()
    {
        JsonElement c = Case("binary");
        float[] scores = Floats(c, "scores");
        float[] targets = Ints(c, "actual").Select(a => (float)a).ToArray();
        Metric[] objects = [new Precision(), new Recall(), new F1Score(), new AUC()];
        double[] streamed = Stream(objects, Loss.BinaryCrossEntropy, outputs: 1, scores, targets, targetSize: 1);
        Assert.Equal(Number(c, "precision"), streamed[0], Tolerance);
        Assert.Equal(Number(c, "recall"), streamed[1], Tolerance);
        Assert.Equal(Number(c, "f1"), streamed[2], Tolerance);
        Assert.Equal(Number(c, "roc_auc"), streamed[3], Tolerance);
        Assert.Equal(["precision", "recall", "f1_score", "auc"], objects.Select(m => m.Name));
    }

    [Fact]
    public void Metric_objects_over_batches_equal_scikit_learn_for_a_softmax_classifier()
    {
        JsonElement c = Case("five_classes");
        float[] scores = Floats(c, "scores");
        float[] targets = Ints(c, "actual").Select(a => (float)a).ToArray();
        Metric[] objects = [new Precision(Average.Macro), new Recall(Average.Weighted), new F1Score(Average.Micro), new TopKCategoricalAccuracy(k: 2)];
        double[] streamed = Stream(objects, Loss.SparseCategoricalCrossEntropy, outputs: 5, scores, targets, targetSize: 1);
        Assert.Equal(Number(c, "macro", "precision"), streamed[0], Tolerance);
        Assert.Equal(Number(c, "weighted", "recall"), streamed[1], Tolerance);
        Assert.Equal(Number(c, "micro", "f1"), streamed[2], Tolerance);
        Assert.Equal(Number(c, "top_k", "2"), streamed[3], Tolerance);
        Assert.Equal("sparse_top_k_categorical_accuracy", objects[3].Name);
    }

    [Fact]
    public void A_metric_that_does_not_fit_the_network_is_refused_before_any_work_with_what_to_do()
    {
        var binaryOnThree = Assert.Throws<InvalidOperationException>(() => new Precision().Bind(Loss.SparseCategoricalCrossEntropy, 3));
        Assert.Contains("3 classes", binaryOnThree.Message);
        Assert.Contains("Average.Macro", binaryOnThree.Message);
        Assert.Contains("classification loss", Assert.Throws<InvalidOperationException>(() => new Recall().Bind(Loss.MeanSquaredError, 1)).Message);
        Assert.Contains("binary classifier", Assert.Throws<InvalidOperationException>(() => new AUC().Bind(Loss.SparseCategoricalCrossEntropy, 3)).Message);
        Assert.Contains("class indices", Assert.Throws<InvalidOperationException>(() => new MeanAbsoluteError().Bind(Loss.SparseCategoricalCrossEntropy, 3)).Message);
    }

    [Fact]
    public void Roc_auc_refuses_a_single_class_as_scikit_learn_does()
    {
        Assert.Contains("one class", Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc([1, 1, 1], [0.2f, 0.5f, 0.9f])).Message);
    }

    [Fact]
    public void Reports_round_exact_ties_to_even_as_python_does()
    {
        Assert.Equal("0.12", PythonFormat.Fixed(0.125, 2));
        Assert.Equal("0.38", PythonFormat.Fixed(0.375, 2));
        Assert.Equal("0.62", PythonFormat.Fixed(0.625, 2));
        Assert.Equal("0.67", PythonFormat.Fixed(2.0 / 3, 2));
        Assert.Equal("1.00", PythonFormat.Fixed(0.999, 2));
    }

    /// <summary>Binds the metrics, feeds the rows in batches of 7, 1, 32, 7, 1, 32 … and returns each result.</summary>
    private static double[] Stream(Metric[] objects, Loss loss, int outputs, float[] predictions, float[] targets, int targetSize)
    {
        int count = predictions.Length / outputs;
        int[] sizes = [7, 1, 32];
        foreach (Metric metric in objects)
        {
            metric.Bind(loss, outputs);
            metric.Reset();
        }

        for (int first = 0, b = 0; first < count; b++)
        {
            int n = Math.Min(sizes[b % sizes.Length], count - first);
            foreach (Metric metric in objects)
            {
                metric.Update(predictions.AsSpan(first * outputs, n * outputs), targets.AsSpan(first * targetSize, n * targetSize), n);
            }

            first += n;
        }

        return objects.Select(m => m.Result()).ToArray();
    }

    private static void AssertMatrix(JsonElement c, ConfusionMatrix matrix)
    {
        long[][] expected = c.GetProperty("confusion_matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        for (int a = 0; a < matrix.Classes; a++)
        {
            for (int p = 0; p < matrix.Classes; p++)
            {
                Assert.Equal(expected[a][p], matrix[a, p]);
            }
        }
    }
}
