using StaticNet.Generated;

namespace StaticNet.Tests.Runtime;

/// <summary>A ReLU layer, batch normalisation after it, a softmax output: the state a long run decays (see SubnormalTests).</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(8)]
[Dense(16, Activation.ReLU)]
[BatchNormalization(Momentum = 0.9)]
[Dense(3, Activation.Softmax)]
public partial class QuietSensorNet;

/// <summary>
/// Subnormal floats cost a microcode assist per operation on Intel processors, and .NET cannot set flush-to-zero, so the
/// state a long run decays geometrically is flushed by StaticNet's own loops (Subnormals). These tests count subnormal values;
/// they time nothing, so they hold on every processor.
/// </summary>
public class SubnormalTests
{
    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    [InlineData("nesterov")]
    [InlineData("adamw")]
    [InlineData("nadam")]
    [InlineData("adamax")]
    [InlineData("rmsprop")]
    [InlineData("rmsprop-centered")]
    [InlineData("adagrad")]
    public void A_long_run_with_a_quiet_feature_and_a_dead_unit_leaves_no_subnormal_state(string optimizerName)
    {
        // Feature 7 is a sensor that goes quiet (0) after 100 steps: the weights it feeds get a zero gradient from then on,
        // so Adam's m and SGD's velocity for them decay geometrically. Hidden unit 0 is dead (bias −100): its output is 0 in
        // every batch, so batch normalisation's moving variance for it decays by the momentum (0.9) a step. Without flushing
        // each would pass through float's subnormal range on its way to 0, after roughly 800 steps.
        var net = new QuietSensorNet(seed: 3);
        const int Bias = 8 * 16;
        net.Parameters[Bias] = -100f;
        Optimizer optimizer = optimizerName switch
        {
            "adam" => new Adam(0.01f),
            "sgd" => new Sgd(0.05f, momentum: 0.9f),
            "nesterov" => new Sgd(0.05f, momentum: 0.8f, nesterov: true),
            "adamw" => new AdamW(0.01f),
            "nadam" => new Nadam(0.01f),
            "adamax" => new Adamax(0.01f),
            "rmsprop" => new RmsProp(0.005f),
            "rmsprop-centered" => new RmsProp(0.005f, momentum: 0.5f, centered: true),
            "adagrad" => new Adagrad(0.1f),
            _ => throw new ArgumentException(optimizerName),
        };

        var random = new SeededRandom(11);
        const int Batch = 8;
        var inputs = new float[Batch * 8];
        var targets = new float[Batch];
        var gradient = new float[QuietSensorNet.ParameterCount];
        var predictions = new float[Batch * 3];
        float[] stateAtStep200 = [];
        for (int step = 0; step < 3_000; step++)
        {
            for (int k = 0; k < Batch; k++)
            {
                int label = random.NextInt(3);
                targets[k] = label;
                for (int f = 0; f < 8; f++)
                {
                    inputs[k * 8 + f] = f == 7 && step >= 100 ? 0f : random.NextSingle() - 0.5f + (f == label ? 1f : 0f);
                }
            }

            Array.Clear(gradient);
            net.TrainBatch(inputs, targets, Batch, gradient, predictions);
            optimizer.Step(net.Parameters, gradient, 1f / Batch);
            if (step == 200)
            {
                stateAtStep200 = State(optimizer).ToArray();
            }

            Assert.Equal(0, Subnormals.Count(net.Parameters));
            Assert.Equal(0, Subnormals.Count(net.NonTrainableParameters));
            Assert.Equal(0, Subnormals.Count(State(optimizer)));
        }

        // The decays did happen and ended at exactly 0, which float reaches from a normal number only through the subnormal
        // range: every one of these values was flushed.
        float[] state = State(optimizer).ToArray();
        int decayed = Enumerable.Range(0, state.Length).Count(i => stateAtStep200[i] != 0f && state[i] == 0f);
        // Adagrad's sums only grow: its risk is the square of a tiny gradient, which it takes as 0.
        if (optimizerName != "adagrad")
        {
            Assert.True(decayed >= 3 * 8 / 2, $"only {decayed} optimizer state values decayed from nonzero to 0");
        }

        int movingVarianceOfUnit0 = 16; // moving means (16), then moving variances
        Assert.Equal(0f, net.NonTrainableParameters[movingVarianceOfUnit0]);

        // The network still learned: the quiet feature and the dead unit cost it nothing it needs.
        Assert.True(Evaluate(net, random) > 0.9, "accuracy on fresh samples");
    }

    [Fact]
    public void Adam_flushes_both_moments_on_their_way_to_zero_and_keeps_the_parameter()
    {
        // 61 parameters cover the 512-, 256- and 128-bit loops and the scalar tail; β2 = 0.9 makes v decay as fast as m.
        var adam = new Adam(0.01f, beta1: 0.9f, beta2: 0.9f);
        float[] theta = Enumerable.Range(0, 61).Select(i => 0.5f + i).ToArray();
        adam.Step(theta, Enumerable.Repeat(1f, 61).ToArray());
        float[] afterFirst = theta.ToArray();
        var zero = new float[61];
        bool wouldHaveBeenSubnormal = false;
        float unflushed = adam.FirstMoment[0];
        for (int step = 0; step < 1_000; step++)
        {
            adam.Step(theta, zero);
            unflushed *= 0.9f;
            wouldHaveBeenSubnormal |= float.IsSubnormal(unflushed);
            Assert.Equal(0, Subnormals.Count(adam.FirstMoment));
            Assert.Equal(0, Subnormals.Count(adam.SecondMoment));
        }

        Assert.True(wouldHaveBeenSubnormal);
        Assert.All(adam.FirstMoment.ToArray(), m => Assert.Equal(0f, m));
        Assert.All(adam.SecondMoment.ToArray(), v => Assert.Equal(0f, v));

        // The decaying m kept moving the parameter until it vanished, by the same amount in every lane.
        float moved = theta[0] - afterFirst[0];
        Assert.True(moved < 0f);
        for (int i = 1; i < 61; i++)
        {
            Assert.Equal(moved, theta[i] - afterFirst[i], 1e-4f);
        }
    }

    [Fact]
    public void Adam_takes_a_gradient_too_small_to_square_as_zero_and_keeps_every_other()
    {
        // With β2 = 0.999, (1 − β2)·g² is subnormal for |g| below about 3.4e-18: such a gradient is dropped (it would move no
        // parameter by a representable amount); one of 1e-15 is kept in both moments.
        var adam = new Adam(0.01f);
        float[] theta = [1f, 1f, 1f, 1f];
        adam.Step(theta, [1e-20f, -1e-20f, 1e-15f, float.Epsilon]);
        Assert.Equal(0f, adam.FirstMoment[0]);
        Assert.Equal(0f, adam.FirstMoment[1]);
        Assert.Equal(0f, adam.FirstMoment[3]);
        Assert.Equal(1e-16, adam.FirstMoment[2], 1e-22);
        Assert.Equal(0f, adam.SecondMoment[0]);
        Assert.Equal(1e-33, adam.SecondMoment[2], 1e-37); // (1 − 0.999f) is 0.00099998713 in float
        Assert.Equal([1f, 1f, 1f, 1f], theta);

        // A NaN gradient still poisons the parameter: divergence stays visible.
        adam.Step(theta, [float.NaN, 0f, 0f, 0f]);
        Assert.True(float.IsNaN(theta[0]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sgd_flushes_a_decaying_velocity(bool nesterov)
    {
        var sgd = new Sgd(0.1f, momentum: 0.9f, nesterov: nesterov);
        float[] theta = Enumerable.Range(0, 37).Select(i => (float)i).ToArray();
        sgd.Step(theta, Enumerable.Repeat(1f, 37).ToArray());
        var zero = new float[37];
        for (int step = 0; step < 1_000; step++)
        {
            sgd.Step(theta, zero);
            Assert.Equal(0, Subnormals.Count(sgd.Velocity));
        }

        Assert.All(sgd.Velocity.ToArray(), v => Assert.Equal(0f, v));

        // v = −0.1·(0.9 + 0.9² + …) after the first step: the parameter travelled about −0.1·(1 + 9) in all (Nesterov: the
        // same sum, looked ahead).
        Assert.Equal(-1f, theta[5] - 5f, 1e-4f);
    }

    [Fact]
    public void Sgd_flushes_a_parameter_that_decays_under_weight_decay_alone()
    {
        // The gradient of an L2 penalty alone, g = 2λθ with lr·2λ = 0.5: θ halves each step and would be subnormal after
        // 126 steps.
        var sgd = new Sgd(0.25f);
        float[] theta = Enumerable.Repeat(1f, 19).ToArray();
        for (int step = 0; step < 200; step++)
        {
            sgd.Step(theta, theta.Select(t => 2f * t).ToArray());
            Assert.Equal(0, Subnormals.Count(theta));
        }

        Assert.All(theta, t => Assert.Equal(0f, t));
    }

    [Fact]
    public void Softmax_cross_entropy_zeroes_a_subnormal_probability_in_the_gradient_and_keeps_it_in_the_prediction()
    {
        // exp(−100) / 2 ≈ 1.9e-44 is subnormal: the prediction keeps it, the gradient that the backward pass multiplies by
        // every weight of the output layer does not.
        float[] logits = [0f, -100f, 0f];
        var prediction = new float[3];
        var gradient = new float[3];
        LossFunctions.SparseSoftmaxCrossEntropy(logits, [0f], prediction, gradient);
        Assert.True(float.IsSubnormal(prediction[1]));
        Assert.Equal([-0.5f, 0f, 0.5f], gradient);

        LossFunctions.SoftmaxCrossEntropy(logits, [0f, 0f, 1f], prediction, gradient);
        Assert.Equal([0.5f, 0f, -0.5f], gradient);

        // Sigmoid of −100 is subnormal too.
        var one = new float[1];
        var oneGradient = new float[1];
        LossFunctions.SigmoidBinaryCrossEntropy([-100f], [0f], one, oneGradient);
        Assert.True(float.IsSubnormal(one[0]));
        Assert.Equal(0f, oneGradient[0]);
    }

    [Fact]
    public void Batch_normalization_flushes_the_moving_variance_of_a_constant_feature()
    {
        // Feature 0 is constant (variance 0), feature 1 varies: after 1,000 steps at momentum 0.9 the moving variance of the
        // first has decayed from 1 through the subnormal range to 0, the second's tracks its batches' variance.
        float[] x = [3f, -1f, 3f, 1f];
        float[] gamma = [1f, 1f], beta = [0f, 0f], movingMean = [0f, 0f], movingVariance = [1f, 1f];
        var normalized = new float[4];
        var inverseStd = new float[2];
        var y = new float[4];
        for (int step = 0; step < 1_000; step++)
        {
            BatchNormalizationReference.ForwardTraining(x, gamma, beta, movingMean, movingVariance, normalized, inverseStd, y, count: 2, features: 2, momentum: 0.9f, epsilon: 1e-3f);
            Assert.Equal(0, Subnormals.Count(movingVariance));
            Assert.Equal(0, Subnormals.Count(movingMean));
        }

        Assert.Equal(0f, movingVariance[0]);
        Assert.Equal(3f, movingMean[0], 1e-5f);
        Assert.Equal(1f, movingVariance[1], 1e-5f);
    }

    [Fact]
    public void The_flush_keeps_normal_numbers_infinities_and_nan_and_zeroes_only_subnormals()
    {
        float[] values = [1f, -1f, 1.17549435E-38f, -1.17549435E-38f, 1.1754942E-38f, -float.Epsilon, float.Epsilon, 0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.MaxValue, 3e-39f, -5e-40f, 2f, 7f];
        float[] flushed = values.ToArray();
        Subnormals.FlushInPlace(flushed);
        for (int i = 0; i < values.Length; i++)
        {
            // A zero of either sign becomes +0.
            float expected = float.IsSubnormal(values[i]) || values[i] == 0f ? 0f : values[i];
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(flushed[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(Subnormals.Flush(values[i])));
        }

        Assert.Equal(5, Subnormals.Count(values));
    }

    private static ReadOnlySpan<float> State(Optimizer optimizer) => optimizer.State.SelectMany(s => s).ToArray();

    private static double Evaluate(QuietSensorNet net, SeededRandom random)
    {
        int correct = 0;
        var input = new float[8];
        var output = new float[3];
        for (int n = 0; n < 300; n++)
        {
            int label = random.NextInt(3);
            for (int f = 0; f < 8; f++)
            {
                input[f] = f == 7 ? 0f : random.NextSingle() - 0.5f + (f == label ? 1f : 0f);
            }

            net.Forward(input, output);
            correct += Array.IndexOf(output, output.Max()) == label ? 1 : 0;
        }

        return correct / 300.0;
    }
}
