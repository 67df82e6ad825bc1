using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Runtime;

public class InitializerTests
{
    [Fact]
    public void Default_initialisation_is_glorot_uniform_kernels_and_zero_biases()
    {
        var net = new IrisNet(seed: 1);
        double limit1 = Math.Sqrt(6.0 / (4 + 10));
        Assert.All(net.Dense1Kernel.ToArray(), w => Assert.InRange(w, -limit1, limit1));
        Assert.All(net.Dense1Bias.ToArray(), b => Assert.Equal(0f, b));
        Assert.All(net.Dense3Bias.ToArray(), b => Assert.Equal(0f, b));

        // Uniform on ±limit has variance limit²/3; 100 draws land within 25% of it (a loose bound, fixed seed).
        float[] kernel = net.Dense2Kernel.ToArray();
        double variance = kernel.Select(w => (double)w * w).Average();
        double limit2 = Math.Sqrt(6.0 / 20);
        Assert.InRange(variance, 0.75 * limit2 * limit2 / 3, 1.25 * limit2 * limit2 / 3);
    }

    [Fact]
    public void Same_seed_same_bits_other_seed_other_bits()
    {
        var a = new IrisNet(seed: 42);
        var b = new IrisNet(seed: 42);
        var c = new IrisNet(seed: 43);
        Assert.True(a.Parameters.SequenceEqual(b.Parameters));
        Assert.False(a.Parameters.SequenceEqual(c.Parameters));
        a.InitializeParameters(43);
        Assert.True(a.Parameters.SequenceEqual(c.Parameters));
    }

    [Theory]
    [InlineData(Initializer.HeUniform)]
    [InlineData(Initializer.HeNormal)]
    [InlineData(Initializer.GlorotNormal)]
    public void Random_initialisers_have_the_variance_keras_gives_them(Initializer initializer)
    {
        const int fanIn = 50, fanOut = 30;
        var values = new float[20_000];
        Initializers.Fill(initializer, values, fanIn, fanOut, new SeededRandom(9));
        double expected = initializer switch
        {
            Initializer.GlorotNormal => 2.0 / (fanIn + fanOut),
            _ => 2.0 / fanIn,
        };
        double mean = values.Average(v => (double)v);
        double variance = values.Average(v => ((double)v - mean) * (v - mean));
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.95 * expected, 1.05 * expected);
        if (initializer != Initializer.HeUniform)
        {
            // Truncated at two standard deviations of the untruncated normal.
            double cut = 2 * Math.Sqrt(expected) / 0.87962566103423978;
            Assert.All(values, v => Assert.InRange(v, -cut, cut));
        }
    }

    [Fact]
    public void Layer_initialisers_declared_on_the_attribute_are_used()
    {
        var net = new HeInitNet(seed: 5);
        Assert.All(net.Dense1Kernel.ToArray(), w => Assert.InRange(w, -Math.Sqrt(6.0 / 8), Math.Sqrt(6.0 / 8)));
        Assert.Contains(net.Dense1Kernel.ToArray(), w => Math.Abs(w) > Math.Sqrt(6.0 / 12)); // outside Glorot's range
        Assert.All(net.Dense1Bias.ToArray(), b => Assert.NotEqual(0f, b));
    }
}

[Network(Loss.MeanSquaredError)]
[Input(8)]
[Dense(4, Activation.ReLU, KernelInitializer = Initializer.HeUniform, BiasInitializer = Initializer.GlorotUniform)]
[Dense(1)]
public partial class HeInitNet;
