namespace StaticNet.Tests.Runtime;

public class OptimizerTests
{
    [Fact]
    public void Adam_matches_hand_computed_steps_with_keras_defaults()
    {
        // Computed by hand (in double) from Keras's update: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
        // θ ← θ − lr·sqrt(1−β2^t)/(1−β1^t) · m/(sqrt(v) + ε), with lr 0.01, β1 0.9, β2 0.999, ε 1e-7.
        var adam = new Adam(learningRate: 0.01f);
        float[] theta = [1f, -2f, 0.5f];

        adam.Step(theta, [0.1f, -0.2f, 0f]);
        Assert.Equal(0.9900003162177663, theta[0], 1e-6);
        Assert.Equal(-1.990000158111383, theta[1], 1e-6);
        Assert.Equal(0.5, theta[2], 1e-7); // a zero gradient leaves the parameter where it was

        adam.Step(theta, [0.3f, 0.1f, -0.5f]);
        Assert.Equal(0.9808225968097466, theta[0], 1e-6);
        Assert.Equal(-1.9873368253950667, theta[1], 1e-6);
        Assert.Equal(0.5074413211726224, theta[2], 1e-6);
        Assert.Equal(2, adam.Iterations);
    }

    [Fact]
    public void Adam_vector_and_scalar_paths_agree_bit_for_bit()
    {
        // 61 parameters: 48 through 512-bit vectors (where accelerated), 8 through a 256-bit one, the tail through the scalar
        // loop. Stepping each element alone (always the scalar loop) must give the same bits, so results do not depend on
        // the machine's vector width.
        var random = new SeededRandom(3);
        float[] initial = Enumerable.Range(0, 61).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] gradient = Enumerable.Range(0, 61).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] together = (float[])initial.Clone();
        new Adam(0.01f).Step(together, gradient);
        for (int i = 0; i < initial.Length; i++)
        {
            float[] alone = [initial[i]];
            new Adam(0.01f).Step(alone, [gradient[i]]);
            Assert.Equal(alone[0], together[i]);
        }
    }

    [Fact]
    public void A_scaled_step_equals_scaling_the_gradient_first_bit_for_bit()
    {
        // Fit passes the summed gradient and 1 / batch size; Adam folds the scaling into its pass, SGD uses the interface's
        // default (scale in place, then step). Both must match scaling first, then stepping.
        var random = new SeededRandom(5);
        float[] initial = Enumerable.Range(0, 61).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] sum = Enumerable.Range(0, 61).Select(_ => 32 * (random.NextSingle() - 0.5f)).ToArray();
        float[] mean = sum.Select(g => g * (1f / 32)).ToArray();
        foreach (Func<IOptimizer> create in new Func<IOptimizer>[] { () => new Adam(0.01f), () => new Sgd(0.1f, momentum: 0.9f) })
        {
            IOptimizer scaled = create(), reference = create();
            float[] a = (float[])initial.Clone(), b = (float[])initial.Clone();
            for (int step = 0; step < 3; step++)
            {
                scaled.Step(a, (float[])sum.Clone(), 1f / 32);
                reference.Step(b, mean);
            }

            Assert.Equal(b, a);
            Assert.NotEqual(initial, a);
        }
    }

    [Fact]
    public void Adam_refuses_a_gradient_of_another_length()
    {
        var adam = new Adam();
        var error = Assert.Throws<ArgumentException>(() => adam.Step(new float[4], new float[3]));
        Assert.Contains("length 3, expected 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sgd_with_momentum_matches_keras_update()
    {
        // v ← 0.9·v − 0.1·g; θ ← θ + v, by hand: 1 → 0.95 → 0.855 → 0.8695.
        var sgd = new Sgd(learningRate: 0.1f, momentum: 0.9f);
        float[] theta = [1f];
        sgd.Step(theta, [0.5f]);
        Assert.Equal(0.95f, theta[0], 1e-6f);
        sgd.Step(theta, [0.5f]);
        Assert.Equal(0.855f, theta[0], 1e-6f);
        sgd.Step(theta, [-1f]);
        Assert.Equal(0.8695f, theta[0], 1e-6f);
    }

    [Fact]
    public void Plain_sgd_steps_against_the_gradient()
    {
        var sgd = new Sgd(learningRate: 0.5f);
        float[] theta = [1f, 2f];
        sgd.Step(theta, [0.2f, -4f]);
        Assert.Equal([0.9f, 4f], theta);
    }

    [Fact]
    public void Nesterov_momentum_looks_ahead()
    {
        // v1 = −0.1·1 = −0.1; θ += 0.9·v1 − 0.1·1 = −0.19.
        var sgd = new Sgd(learningRate: 0.1f, momentum: 0.9f, nesterov: true);
        float[] theta = [0f];
        sgd.Step(theta, [1f]);
        Assert.Equal(-0.19f, theta[0], 1e-6f);
    }
}
