using System.Globalization;
using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Training;

/// <summary>
/// Ordinary mistakes in data and hyperparameters get a clear error before any work, naming what and where, in every
/// culture; and training that goes non-finite stops with the network in its last finite state.
/// </summary>
public class BadInputTests
{
    private static Dataset Iris => FitTests.Synthetic(60, seed: 3);

    [Theory]
    [InlineData(float.NaN, 1, "Sample 1, feature 2 ('c') is NaN")]
    [InlineData(float.PositiveInfinity, 0, "Sample 0, feature 2 ('c') is ∞")]
    [InlineData(float.NegativeInfinity, 2, "Sample 2, feature 2 ('c') is -∞")]
    public void A_non_finite_feature_is_refused_naming_sample_and_feature(float value, int sample, string expected)
    {
        float[] x = new float[12];
        x[sample * 4 + 2] = value;
        var error = Assert.Throws<ArgumentException>(() => new Dataset(x, [0, 1, 2], featureCount: 4, classCount: 3, featureNames: ["a", "b", "c", "d"]));
        Assert.Equal("features", error.ParamName);
        Assert.Contains(expected.Replace("∞", double.PositiveInfinity.ToString(CultureInfo.InvariantCulture)), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_targets_and_out_of_range_labels_are_refused_naming_the_sample()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset(new float[3], [1f, float.NaN, 2f], featureCount: 1));
        Assert.Contains("Sample 1, target 0 is NaN", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => new Dataset(new float[3], [1f, 2f, 3f], featureCount: 1, classCount: 3));
        Assert.Contains("Sample 2 has the label 3, which is not a class index in 0..2", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => new Dataset(new float[3], [1f, 0.5f, 1f], featureCount: 1, classCount: 3));
        Assert.Contains("Sample 1 has the label 0.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_are_the_same_in_every_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            // de-DE's number format, built by hand so the test does not depend on the machine's ICU data.
            var german = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            german.NumberFormat.NumberDecimalSeparator = ",";
            german.NumberFormat.NumberGroupSeparator = ".";
            german.NumberFormat.PositiveInfinitySymbol = "∞";
            german.NumberFormat.NegativeInfinitySymbol = "-∞";
            CultureInfo.CurrentCulture = german;
            Assert.Equal("1,5", 1.5f.ToString(CultureInfo.CurrentCulture));
            var error = Assert.Throws<ArgumentException>(() => new Dataset([1.5f, float.PositiveInfinity], [0f, 1f], featureCount: 1));
            Assert.Contains("Sample 1, feature 0 is Infinity", error.Message, StringComparison.Ordinal);
            error = Assert.Throws<ArgumentException>(() => new Dataset(new float[2], [0f, 1.5f], featureCount: 1, classCount: 2));
            Assert.Contains("label 1.5,", error.Message, StringComparison.Ordinal);
            var optimizer = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(-0.5f));
            Assert.Contains("but is -0.5.", optimizer.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void The_scaler_treats_constant_columns_as_scikit_learn_does()
    {
        // Column 0 constant (an exact 0.1f everywhere), column 1 varying by 1e-20 (under 10 machine epsilons: constant to
        // scikit-learn too), column 2 ordinary. scikit-learn: scale_ = [1, 1, 0.81649658], mean_ = [0.1, 1, 2].
        float[] x = [0.1f, 1f, 1f, 0.1f, 1f, 2f, 0.1f, 1f + 1e-20f, 3f];
        var scaler = StandardScaler.Fit(new Dataset(x, new float[3], featureCount: 3));
        Assert.Equal(1.0, scaler.Scale[0]);
        Assert.Equal(1.0, scaler.Scale[1]);
        Assert.Equal(0.81649658, scaler.Scale[2], 8);
        Assert.Equal((double)0.1f, scaler.Mean[0]);
        Dataset scaled = scaler.Transform(new Dataset(x, new float[3], featureCount: 3));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(0f, scaled.FeaturesOf(i)[0]));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(0f)]
    [InlineData(-0.01f)]
    [InlineData(float.PositiveInfinity)]
    public void Optimizers_refuse_a_learning_rate_that_is_not_finite_and_positive(float rate)
    {
        var adam = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(rate));
        Assert.Equal("learningRate", adam.ParamName);
        Assert.Contains("The learning rate must be a finite number > 0, but is " + rate.ToString("R", CultureInfo.InvariantCulture), adam.Message, StringComparison.Ordinal);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(rate)).ParamName);

        // Set between epochs (by a schedule or ReduceLROnPlateau), 0 is a rate a run may reach; the others are refused.
        if (rate == 0f)
        {
            var optimizer = new Adam { LearningRate = rate };
            Assert.Equal(0f, optimizer.LearningRate);
        }
        else
        {
            Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam().LearningRate = rate).ParamName);
        }
    }

    [Theory]
    [InlineData("beta1", 1f)]
    [InlineData("beta1", -0.1f)]
    [InlineData("beta2", float.NaN)]
    [InlineData("beta2", 1.5f)]
    [InlineData("epsilon", 0f)]
    [InlineData("epsilon", float.NaN)]
    [InlineData("momentum", 1f)]
    [InlineData("momentum", float.NaN)]
    public void Optimizers_refuse_out_of_range_hyperparameters_naming_them(string name, float value)
    {
        Func<object> create = name switch
        {
            "beta1" => () => new Adam(beta1: value),
            "beta2" => () => new Adam(beta2: value),
            "epsilon" => () => new Adam(epsilon: value),
            _ => () => new Sgd(momentum: value),
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(name, error.ParamName);
        Assert.Contains("but is " + value.ToString("R", CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_and_Evaluate_refuse_an_empty_dataset()
    {
        var empty = new Dataset([], [], featureCount: 4, classCount: 3);
        Assert.Contains("no samples", Assert.Throws<ArgumentException>(() => new IrisNet().Fit(empty)).Message, StringComparison.Ordinal);
        Assert.Contains("no samples", Assert.Throws<ArgumentException>(() => new IrisNet().Evaluate(empty)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_count_other_than_the_outputs_is_refused_before_training()
    {
        // Five classes on a three-output network, though every label here happens to be under 3.
        float[] x = new float[8];
        var data = new Dataset(x, [0f, 1f], featureCount: 4, classCount: 5);
        var net = new IrisNet(seed: 1);
        float[] before = net.Parameters.ToArray();
        var error = Assert.Throws<ArgumentException>(() => net.Fit(data));
        Assert.Contains("The dataset has 5 classes but IrisNet has 3 outputs", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, net.Parameters.ToArray());
        Assert.Contains("5 classes", Assert.Throws<ArgumentException>(() => net.Evaluate(data)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_label_the_network_has_no_output_for_names_the_sample_whatever_the_parallelism(int degreeOfParallelism)
    {
        // No class count on the dataset: the labels are checked against the network's outputs.
        float[] y = new float[64];
        y[37] = 3f;
        var data = new Dataset(new float[64 * 4], y, featureCount: 4);
        var error = Assert.Throws<ArgumentException>(() => new IrisNet().Fit(data, degreeOfParallelism: degreeOfParallelism));
        Assert.Contains("Sample 37 has the target 3, which is not a class index in 0..2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.PositiveInfinity)]
    public void A_validation_split_outside_zero_to_one_is_refused(double split)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IrisNet().Fit(Iris, validationSplit: split));
        Assert.Equal("validationSplit", error.ParamName);
    }

    [Fact]
    public void A_loss_that_overflows_stops_training_with_the_parameters_from_before_the_step()
    {
        // Inputs of 3e38 overflow the first layer to infinity on the first forward pass: the loss is non-finite before any step.
        float[] x = Enumerable.Repeat(3e38f, 40).ToArray();
        var data = new Dataset(x, Enumerable.Range(0, 10).Select(i => (float)(i % 3)).ToArray(), featureCount: 4, classCount: 3);
        var net = new IrisNet(seed: 2);
        float[] before = net.Parameters.ToArray();
        var error = Assert.Throws<NonFiniteLossException>(() => net.Fit(data, epochs: 3));
        Assert.Equal(1, error.Epoch);
        Assert.Equal(1, error.Batch);
        Assert.False(error.RestoredToEpochStart);
        Assert.Contains("training stopped and the parameters are those from before the failing step", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Fact]
    public void Parameters_made_non_finite_by_a_step_are_detected_and_the_epoch_start_restored()
    {
        // Features in the thousands give kernel gradients over 1, which SGD with a learning rate of 3e38 throws to infinity
        // in the first step (whose loss was finite); with one batch per epoch the epoch's end shows it. The network goes
        // back to the epoch's start.
        Dataset large = Iris.WithFeatures(Iris.Features.ToArray().Select(v => v * 1000f).ToArray());
        var net = new IrisNet(seed: 4);
        float[] before = net.Parameters.ToArray();
        var error = Assert.Throws<NonFiniteLossException>(() => net.Fit(large, epochs: 2, batchSize: 60, optimizer: new Sgd(3e38f)));
        Assert.True(error.RestoredToEpochStart);
        Assert.Equal(1, error.Epoch);
        Assert.Contains("The parameters became non-finite in epoch 1 (by batch 1)", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Fact]
    public void Moving_statistics_updated_by_a_failing_forward_pass_are_put_back()
    {
        var net = new BatchNormNet(seed: 1);
        int inputs = BatchNormNet.InputSize;
        var good = new Dataset(
            Enumerable.Range(0, 8 * inputs).Select(i => (float)Math.Sin(i)).ToArray(),
            Enumerable.Range(0, 8 * BatchNormNet.OutputSize).Select(i => (float)Math.Cos(i)).ToArray(),
            inputs,
            targetSize: BatchNormNet.OutputSize);
        net.Fit(good, epochs: 1, batchSize: 8);
        float[] moving = net.NonTrainableParameters.ToArray();
        float[] parameters = net.Parameters.ToArray();
        var overflow = new Dataset(Enumerable.Repeat(3e38f, 8 * inputs).ToArray(), good.Targets.ToArray(), inputs, targetSize: BatchNormNet.OutputSize);
        Assert.Throws<NonFiniteLossException>(() => net.Fit(overflow, epochs: 1, batchSize: 8));
        Assert.Equal(moving, net.NonTrainableParameters.ToArray());
        Assert.Equal(parameters, net.Parameters.ToArray());
    }
}
