namespace StaticNet.Tests.Losses;

/// <summary>
/// Mean absolute error, Huber and log-cosh as the runtime computes them for the generated step: each value against the
/// formula in double, each gradient against central finite differences of that value through the output activation,
/// and the regimes where a naive formula fails (log-cosh of a large or a tiny error, Huber at its threshold).
/// </summary>
public class RegressionLossTests
{
    public static TheoryData<string, Activation> Cases => new()
    {
        { "mae", Activation.Linear },
        { "mae", Activation.Tanh },
        { "huber", Activation.Linear },
        { "huber", Activation.Sigmoid },
        { "logcosh", Activation.Linear },
        { "logcosh", Activation.LeakyReLU },
    };

    private static float Loss(string name, Activation activation, float[] logits, float[] target, float[] gradient, float weight = 1f)
    {
        var prediction = new float[logits.Length];
        return name switch
        {
            "mae" => LossFunctions.MeanAbsoluteError(activation, 0.2f, logits, target, prediction, gradient, weight),
            "huber" => LossFunctions.Huber(0.7f, activation, 0.2f, logits, target, prediction, gradient, weight),
            _ => LossFunctions.LogCosh(activation, 0.2f, logits, target, prediction, gradient, weight),
        };
    }

    /// <summary>The loss in double, from its definition: the activation, then the mean over the units of the element loss.</summary>
    private static double Reference(string name, Activation activation, double[] logits, float[] target)
    {
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            double z = logits[i];
            double a = activation switch
            {
                Activation.Tanh => Math.Tanh(z),
                Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
                Activation.LeakyReLU => z > 0 ? z : 0.2 * z,
                _ => z,
            };
            double e = a - target[i];
            sum += name switch
            {
                "mae" => Math.Abs(e),
                "huber" => Math.Abs(e) <= 0.7 ? 0.5 * e * e : 0.7 * (Math.Abs(e) - 0.35),
                _ => Math.Log(Math.Cosh(e)),
            };
        }

        return sum / logits.Length;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_is_the_definition_and_the_gradient_its_finite_difference(string name, Activation activation)
    {
        // Errors on both sides of Huber's δ (0.7) and of 0, no unit exactly at a kink.
        float[] logits = [0.3f, -1.9f, 2.4f, -0.05f, 1.1f, -0.6f, 0.9f];
        float[] target = [-0.2f, 0.4f, -0.3f, 0.35f, 1.05f, -1.5f, 0.1f];
        var gradient = new float[logits.Length];
        float loss = Loss(name, activation, logits, target, gradient);
        double[] z = logits.Select(v => (double)v).ToArray();
        Assert.Equal(Reference(name, activation, z, target), loss, 1e-6);
        for (int i = 0; i < z.Length; i++)
        {
            double saved = z[i];
            z[i] = saved + 1e-6;
            double plus = Reference(name, activation, z, target);
            z[i] = saved - 1e-6;
            double minus = Reference(name, activation, z, target);
            z[i] = saved;
            Assert.Equal((plus - minus) / 2e-6, gradient[i], 1e-5);
        }

        // A sample weight scales both.
        var weighted = new float[logits.Length];
        Assert.Equal(2.5f * loss, Loss(name, activation, logits, target, weighted, 2.5f), 1e-6f);
        Assert.Equal(gradient.Select(g => 2.5f * g), weighted, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Log_cosh_neither_overflows_for_a_large_error_nor_loses_a_small_one()
    {
        var gradient = new float[2];
        // cosh(200) overflows double's exp; the loss is |e| − log 2 there, and the gradient ±1/2 (tanh, over 2 units).
        float large = LossFunctions.LogCosh(Activation.Linear, 0.2f, [200f, -200f], [0f, 0f], new float[2], gradient);
        Assert.Equal(200 - Math.Log(2), large, 1e-4);
        Assert.Equal([0.5f, -0.5f], gradient);

        // A tiny error: log cosh(e) ≈ e²/2, which the cancelling float formula would lose entirely.
        float small = LossFunctions.LogCosh(Activation.Linear, 0.2f, [1e-4f, 0f], [0f, 0f], new float[2], gradient);
        Assert.Equal(0.5 * 1e-8 / 2, small, 1e-14);
    }

    [Fact]
    public void Huber_is_continuous_at_its_threshold_and_refuses_a_bad_delta()
    {
        var gradient = new float[1];
        float inside = LossFunctions.Huber(1f, Activation.Linear, 0.2f, [0.99999f], [0f], new float[1], gradient);
        float outside = LossFunctions.Huber(1f, Activation.Linear, 0.2f, [1.00001f], [0f], new float[1], gradient);
        Assert.Equal(0.5, inside, 1e-4);
        Assert.Equal(0.5, outside, 1e-4);
        Assert.Equal(1f, gradient[0]); // δ·sign(e) beyond it

        Assert.Throws<ArgumentOutOfRangeException>(() => LossFunctions.Huber(0f, Activation.Linear, 0.2f, [1f], [0f], new float[1], gradient));
        Assert.Throws<ArgumentOutOfRangeException>(() => LossFunctions.Huber(float.NaN, Activation.Linear, 0.2f, [1f], [0f], new float[1], gradient));
    }

    [Fact]
    public void A_nan_prediction_gives_a_nan_loss_and_gradient_so_fit_stops()
    {
        foreach (string name in new[] { "mae", "huber", "logcosh" })
        {
            var gradient = new float[2];
            Assert.True(float.IsNaN(Loss(name, Activation.Linear, [float.NaN, 1f], [0f, 0f], gradient)), name);
            Assert.True(float.IsNaN(gradient[0]), name);
        }
    }

    [Fact]
    public void Regression_losses_have_no_accuracy_and_train_a_regression()
    {
        Assert.False(Accuracy.IsDefinedFor(StaticNet.Loss.MeanAbsoluteError));
        Assert.False(Accuracy.IsDefinedFor(StaticNet.Loss.Huber));
        Assert.False(Accuracy.IsDefinedFor(StaticNet.Loss.LogCosh));

        // y = x0 − 2 x1 + noise with outliers: each loss fits it through Fit.
        var random = new SeededRandom(9);
        var features = new float[400 * 4];
        var targets = new float[400 * 3];
        for (int i = 0; i < 400; i++)
        {
            for (int f = 0; f < 4; f++)
            {
                features[i * 4 + f] = random.NextSingle() * 2 - 1;
            }

            for (int o = 0; o < 3; o++)
            {
                targets[i * 3 + o] = features[i * 4] - 2 * features[i * 4 + 1] + (i % 50 == 0 ? 20f : 0f);
            }
        }

        var data = new Dataset(features, targets, 4, targetSize: 3);
        foreach (INetwork net in new INetwork[] { new Networks.RefMaeNet(1), new Networks.RefHuberNet(1) })
        {
            History history = net.Fit(data, epochs: 60, batchSize: 16, optimizer: new Adam(0.01f), seed: 1, verbose: 0, metrics: [new MeanAbsoluteError(name: "mae")]);
            Assert.False(history.Contains("accuracy"));
            Assert.True(history["loss"][^1] < history["loss"][0] / 3, $"{net.GetType().Name}: loss {history["loss"][0]} → {history["loss"][^1]}");
        }
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
