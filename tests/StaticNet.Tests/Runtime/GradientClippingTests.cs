using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Runtime;

/// <summary>
/// Keras's gradient clipping on the optimizers (clipnorm, global_clipnorm, clipvalue): the clipped gradient against a
/// double-precision computation of Keras's formulas, per tensor of a real network for ClipNorm; no change below the
/// limit; every optimizer takes it; settings that would mean nothing are refused. PyTorch agreement of the clipped
/// steps is in OptimizerAgreementTests.
/// </summary>
public class GradientClippingTests
{
    /// <summary>What SGD (rate 1, no momentum) subtracted: the gradient the update rule saw.</summary>
    private static float[] SeenBy(Optimizer optimizer, float[] gradient, float scale = 1f, INetwork? network = null)
    {
        var parameters = new float[gradient.Length];
        if (network is not null)
        {
            optimizer.UseTensorsOf(network);
        }

        optimizer.Step(parameters, gradient.ToArray(), scale);
        return parameters.Select(p => -p).ToArray();
    }

    private static float[] Gradient(int length, int seed, float size)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, length).Select(_ => (random.NextSingle() - 0.5f) * size).ToArray();
    }

    private static double Norm(IEnumerable<float> values) => Math.Sqrt(values.Sum(v => (double)v * v));

    [Fact]
    public void Global_clip_norm_scales_the_whole_mean_gradient_to_the_limit()
    {
        float[] gradient = Gradient(83, seed: 1, size: 4f); // 83: every vector width and a tail
        const float scale = 0.25f;                           // the 1/batch that Fit folds in
        double norm = Norm(gradient.Select(g => g * scale));
        Assert.True(norm > 1.0);

        float[] seen = SeenBy(new Sgd(1f) { GlobalClipNorm = 1f }, gradient, scale);
        for (int i = 0; i < gradient.Length; i++)
        {
            Assert.Equal(gradient[i] * scale / norm, seen[i], 1e-6);
        }

        Assert.Equal(1.0, Norm(seen), 1e-5);

        // Below the limit nothing changes, to the bit.
        Assert.Equal(SeenBy(new Sgd(1f), gradient, scale), SeenBy(new Sgd(1f) { GlobalClipNorm = (float)norm * 1.01f }, gradient, scale));
    }

    [Fact]
    public void Clip_norm_clips_each_kernel_and_bias_on_its_own()
    {
        INetwork network = new IrisNet(seed: 1);
        float[] gradient = Gradient(network.ParameterCount, seed: 2, size: 2f);
        ParameterInfo[] tensors = network.Layers.SelectMany(l => l.Parameters).Where(p => p.Trainable).ToArray();
        Assert.Equal(6, tensors.Length);
        gradient.AsSpan(tensors[5].Offset, tensors[5].Size).Fill(0.01f); // the last bias: small, under the limit

        const float limit = 0.5f;
        float[] seen = SeenBy(new Sgd(1f) { ClipNorm = limit }, gradient, network: network);
        int clipped = 0;
        foreach (ParameterInfo tensor in tensors)
        {
            float[] g = gradient.AsSpan(tensor.Offset, tensor.Size).ToArray();
            double norm = Norm(g);
            double factor = limit / Math.Max(norm, limit); // Keras's _clip_by_norm
            clipped += norm > limit ? 1 : 0;
            for (int i = 0; i < g.Length; i++)
            {
                Assert.Equal(g[i] * factor, seen[tensor.Offset + i], 1e-6);
            }

            Assert.True(Norm(seen.AsSpan(tensor.Offset, tensor.Size).ToArray()) <= limit * (1 + 1e-6));
        }

        Assert.Equal(5, clipped); // each kernel and the two larger biases; the small one kept its values

        // ClipNorm needs the tensors: a loop of one's own that does not say them is told how.
        var unbound = new Sgd(1f) { ClipNorm = limit };
        string message = Assert.Throws<InvalidOperationException>(() => unbound.Step(new float[gradient.Length], gradient)).Message;
        Assert.Contains("UseTensorsOf(network)", message, StringComparison.Ordinal);
        Assert.Equal(0, unbound.Iterations);
    }

    [Fact]
    public void Clip_value_clips_each_element()
    {
        float[] gradient = Gradient(37, seed: 3, size: 12f);
        float[] seen = SeenBy(new Sgd(1f) { ClipValue = 1.5f }, gradient, scale: 0.5f);
        for (int i = 0; i < gradient.Length; i++)
        {
            Assert.Equal(Math.Clamp(gradient[i] * 0.5f, -1.5f, 1.5f), seen[i]);
        }

        Assert.Contains(seen, v => v == 1.5f);
        Assert.Contains(seen, v => v == -1.5f);
    }

    [Fact]
    public void Every_optimizer_steps_on_the_clipped_gradient()
    {
        float[] gradient = Gradient(41, seed: 4, size: 10f);
        double norm = Norm(gradient);
        float[] preclipped = gradient.Select(g => (float)(g / norm)).ToArray();
        Func<Optimizer>[] plain = [() => new Adam(0.01f), () => new RmsProp(0.01f), () => new Adagrad(0.01f), () => new Adamax(0.01f), () => new Nadam(0.01f), () => new AdamW(0.01f), () => new Sgd(0.01f, momentum: 0.9f)];
        Func<Optimizer>[] clipped = [() => new Adam(0.01f) { GlobalClipNorm = 1f }, () => new RmsProp(0.01f) { GlobalClipNorm = 1f }, () => new Adagrad(0.01f) { GlobalClipNorm = 1f }, () => new Adamax(0.01f) { GlobalClipNorm = 1f }, () => new Nadam(0.01f) { GlobalClipNorm = 1f }, () => new AdamW(0.01f) { GlobalClipNorm = 1f }, () => new Sgd(0.01f, momentum: 0.9f) { GlobalClipNorm = 1f }];
        for (int k = 0; k < plain.Length; k++)
        {
            Optimizer a = plain[k](), b = clipped[k]();
            var pa = new float[gradient.Length];
            var pb = new float[gradient.Length];
            for (int step = 0; step < 3; step++)
            {
                a.Step(pa, preclipped);
                b.Step(pb, gradient);
            }

            for (int i = 0; i < pa.Length; i++)
            {
                Assert.True(Math.Abs(pa[i] - pb[i]) <= 1e-6 * Math.Abs(pa[i]) + 1e-9, $"{a.GetType().Name}, parameter {i}: {pa[i]:R} against {pb[i]:R}");
            }

            Assert.Equal(1f, b.GlobalClipNorm);
            Assert.Null(b.ClipNorm);
        }
    }

    [Fact]
    public void Fit_clips_and_a_recurrent_style_explosion_stays_bounded()
    {
        // A huge learning signal: one step of SGD at rate 1 moves each tensor by at most ClipNorm.
        Dataset iris = TestData.ScaledIris();
        INetwork network = new IrisNet(seed: 3);
        float[] before = network.Parameters.ToArray();
        network.Fit(iris, epochs: 1, batchSize: iris.Count, optimizer: new Sgd(1f) { ClipNorm = 0.01f }, verbose: 0);
        float[] after = network.Parameters.ToArray();
        foreach (ParameterInfo tensor in network.Layers.SelectMany(l => l.Parameters))
        {
            double moved = Norm(Enumerable.Range(tensor.Offset, tensor.Size).Select(i => after[i] - before[i]));
            Assert.True(moved <= 0.01 * (1 + 1e-5), $"{tensor.Name} at {tensor.Offset} moved {moved}");
        }

        // Clipped training still learns.
        var learner = new IrisNet(seed: 3);
        learner.Fit(iris, epochs: 60, batchSize: 32, optimizer: new Adam(0.01f) { GlobalClipNorm = 1f }, seed: 1, verbose: 0);
        Assert.True(learner.Evaluate(iris).Accuracy >= 0.9);
    }

    [Fact]
    public void Settings_that_would_mean_nothing_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam { ClipNorm = 0f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam { GlobalClipNorm = -1f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam { ClipValue = float.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam { ClipValue = float.PositiveInfinity });
        string both = Assert.Throws<ArgumentException>(() => new Adam { ClipNorm = 1f, GlobalClipNorm = 1f }).Message;
        Assert.Contains("ClipNorm is already set", both, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Sgd { GlobalClipNorm = 1f, ClipValue = 0.5f });
        Assert.Null(new Adam { ClipValue = null }.ClipValue); // null: not set
        Assert.Equal(0.5f, new Sgd { ClipValue = 0.5f }.ClipValue);
    }
}
