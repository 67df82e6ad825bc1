using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Hardening;

/// <summary>The console is the process's: tests that capture it run alone.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>What a new user met: predicting unlabelled rows, a binary classifier's classes, an evaluation's text, Fit's default output.</summary>
[Collection("Console")]
public class PredictAndPrintTests
{
    [Fact]
    public void Predict_takes_unlabelled_rows_and_gives_rows_of_outputs_equal_to_the_dataset_path()
    {
        Dataset data = TestData.ScaledIris();
        var net = new IrisNet(3);
        net.Fit(data, epochs: 5, verbose: 0);
        var features = new float[data.Count, 4];
        for (int i = 0; i < data.Count; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                features[i, j] = data.FeaturesOf(i)[j];
            }
        }

        float[,] outputs = net.Predict(features);
        Assert.Equal(data.Count, outputs.GetLength(0));
        Assert.Equal(3, outputs.GetLength(1));
        float[] flat = net.Predict(data);
        Assert.Equal(flat, outputs.Cast<float>().ToArray());
        Assert.Equal(net.PredictClasses(data), net.PredictClasses(features));
        Assert.Empty(net.PredictClasses(new float[0, 4]));

        var error = Assert.Throws<ArgumentException>(() => net.Predict(new float[2, 5]));
        Assert.Equal("features", error.ParamName);
        Assert.Contains("The features have 5 columns, but IrisNet takes 4 inputs a sample.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_sigmoid_output_predicts_class_one_above_one_half()
    {
        // One sigmoid unit: the argmax of one value was always class 0.
        var net = new SigmoidDenseNet(1);
        net.Parameters.Clear();
        net.Parameters[^1] = 3f; // the output bias: sigmoid(3) ≈ 0.95 for every input
        Assert.Equal(1, net.PredictClass([0.1f, 0.2f, 0.3f, 0.4f]));
        Assert.Equal([1, 1], net.PredictClasses(new float[2, 4]));
        net.Parameters[^1] = -3f;
        Assert.Equal(0, net.PredictClass([0.1f, 0.2f, 0.3f, 0.4f]));
        Assert.Equal([0, 0], net.PredictClasses(new float[2, 4]));
    }

    [Fact]
    public void An_evaluation_prints_its_values()
    {
        var net = new IrisNet(3);
        Evaluation evaluation = net.Evaluate(TestData.ScaledIris(), [new F1Score(Average.Macro)]);
        string text = evaluation.ToString();
        Assert.StartsWith("loss: ", text, StringComparison.Ordinal);
        Assert.Contains(" - accuracy: ", text, StringComparison.Ordinal);
        Assert.Contains(" - f1_score: " + evaluation["f1_score"].ToString("F4", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_prints_to_the_console_by_default_as_keras_does_and_nothing_at_verbose_0()
    {
        TextWriter saved = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            new IrisNet(1).Fit(TestData.ScaledIris(), epochs: 2);
            string printed = captured.ToString();
            Assert.Contains("Epoch 2/2", printed, StringComparison.Ordinal);
            Assert.Contains("loss: ", printed, StringComparison.Ordinal);

            captured.GetStringBuilder().Clear();
            new IrisNet(1).Fit(TestData.ScaledIris(), epochs: 2, verbose: 0);
            Assert.Equal(string.Empty, captured.ToString());
        }
        finally
        {
            Console.SetOut(saved);
        }
    }
}
