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

    /// <summary>Every optimizer StaticNet has, by Keras's name, with settings that take every branch of its update.</summary>
    public static TheoryData<string> Every => new(["adam", "adamw", "nadam", "adamax", "rmsprop", "rmsprop-centered-momentum", "adagrad", "sgd", "sgd-momentum", "sgd-nesterov"]);

    internal static Optimizer Create(string name) => name switch
    {
        "adam" => new Adam(0.01f),
        "adamw" => new AdamW(0.01f, weightDecay: 0.1f),
        "nadam" => new Nadam(0.01f),
        "adamax" => new Adamax(0.01f),
        "rmsprop" => new RmsProp(0.01f),
        "rmsprop-centered-momentum" => new RmsProp(0.01f, momentum: 0.9f, centered: true),
        "adagrad" => new Adagrad(0.1f),
        "sgd" => new Sgd(0.1f),
        "sgd-momentum" => new Sgd(0.1f, momentum: 0.9f),
        "sgd-nesterov" => new Sgd(0.1f, momentum: 0.9f, nesterov: true),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Every))]
    public void Vector_and_scalar_paths_agree_bit_for_bit(string name)
    {
        // 61 parameters: 48 through 512-bit vectors (where accelerated), 8 through a 256-bit one, the tail through the scalar
        // loop. Stepping each element alone (always the scalar loop) must give the same bits, over three steps, so results
        // do not depend on the machine's vector width.
        var random = new SeededRandom(3);
        float[] initial = Enumerable.Range(0, 61).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[][] gradients = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 61).Select(_ => random.NextSingle() - 0.5f).ToArray()).ToArray();
        float[] together = (float[])initial.Clone();
        Optimizer all = Create(name);
        foreach (float[] gradient in gradients)
        {
            all.Step(together, gradient);
        }

        Assert.NotEqual(initial, together);
        for (int i = 0; i < initial.Length; i++)
        {
            float[] alone = [initial[i]];
            Optimizer one = Create(name);
            foreach (float[] gradient in gradients)
            {
                one.Step(alone, [gradient[i]]);
            }

            Assert.Equal(alone[0], together[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void A_scaled_step_equals_scaling_the_gradient_first_bit_for_bit(string name)
    {
        // Fit passes the summed gradient and 1 / batch size; every optimizer folds the scaling into its own pass, which must
        // match scaling first, then stepping, and leave the summed gradient as it was.
        var random = new SeededRandom(5);
        float[] initial = Enumerable.Range(0, 61).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] sum = Enumerable.Range(0, 61).Select(_ => 32 * (random.NextSingle() - 0.5f)).ToArray();
        float[] mean = sum.Select(g => g * (1f / 32)).ToArray();
        Optimizer scaled = Create(name), reference = Create(name);
        float[] a = (float[])initial.Clone(), b = (float[])initial.Clone();
        float[] passed = (float[])sum.Clone();
        for (int step = 0; step < 3; step++)
        {
            scaled.Step(a, passed, 1f / 32);
            reference.Step(b, mean);
        }

        Assert.Equal(b, a);
        Assert.Equal(sum, passed);
        Assert.NotEqual(initial, a);
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Reset_forgets_the_state_and_the_step_count(string name)
    {
        var random = new SeededRandom(7);
        float[] initial = Enumerable.Range(0, 19).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] gradient = Enumerable.Range(0, 19).Select(_ => random.NextSingle() - 0.5f).ToArray();
        Optimizer used = Create(name);
        used.Step(initial.ToArray(), gradient);
        used.Step(initial.ToArray(), gradient);
        used.Reset();
        Assert.Equal(0, used.Iterations);

        // After Reset it takes other sizes, and steps as a new one does.
        float[] a = initial[..7], b = initial[..7];
        used.Step(a, gradient[..7]);
        Create(name).Step(b, gradient[..7]);
        Assert.Equal(b, a);

        // Its state is sized for 7 now (plain SGD keeps none, so takes any size).
        if (name != "sgd")
        {
            Assert.Throws<ArgumentException>(() => used.Step(new float[8], new float[8]));
        }
    }

    [Fact]
    public void Settings_that_mean_nothing_are_refused_with_the_value_and_the_rule()
    {
        Assert.Contains("ρ (rho) must be in [0, 1), but is 1.", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(rho: 1f)).Message, StringComparison.Ordinal);
        Assert.Contains("Momentum must be in [0, 1), but is -0.5.", Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(momentum: -0.5f)).Message, StringComparison.Ordinal);
        Assert.Contains("Epsilon must be a finite number > 0, but is 0.", Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad(epsilon: 0f)).Message, StringComparison.Ordinal);
        Assert.Contains("The initial accumulator value must be a finite number ≥ 0, but is -0.1.", Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad(initialAccumulatorValue: -0.1f)).Message, StringComparison.Ordinal);
        Assert.Contains("The weight decay must be a finite number ≥ 0, but is NaN.", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(weightDecay: float.NaN)).Message, StringComparison.Ordinal);
        Assert.Contains("β2 (beta2) must be in [0, 1), but is 1.", Assert.Throws<ArgumentOutOfRangeException>(() => new Adamax(beta2: 1f)).Message, StringComparison.Ordinal);
        Assert.Contains("β1 (beta1) must be in [0, 1), but is NaN.", Assert.Throws<ArgumentOutOfRangeException>(() => new Nadam(beta1: float.NaN)).Message, StringComparison.Ordinal);
        Assert.Contains("The learning rate must be a finite number > 0, but is -1.", Assert.Throws<ArgumentOutOfRangeException>(() => new Nadam(-1f)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new RmsProp((LearningRateSchedule)null!));
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void A_schedule_sets_the_rate_before_every_step_and_refuses_a_callback_setting_it(string name)
    {
        // Each optimizer built on a schedule, by reflection over its public constructors (the same arguments but the rate).
        Optimizer constant = Create(name);
        var schedule = new StepDecay(0.05, stepSize: 2, factor: 0.5);
        var scheduled = (Optimizer)constant.GetType().GetConstructors()
            .Single(c => c.GetParameters()[0].ParameterType == typeof(LearningRateSchedule))
            .Invoke(constant.GetType().GetConstructors().Single(c => c.GetParameters()[0].ParameterType == typeof(float)).GetParameters()
                .Select((p, i) => i == 0 ? schedule : p.DefaultValue).ToArray());
        Assert.Same(schedule, scheduled.Schedule);
        float[] theta = new float[5], gradient = [1f, -1f, 0.5f, 2f, -3f];
        var rates = new List<float>();
        for (int step = 0; step < 5; step++)
        {
            scheduled.Step(theta, gradient);
            rates.Add(scheduled.LearningRate);
        }

        Assert.Equal([0.05f, 0.05f, 0.025f, 0.025f, 0.0125f], rates);
        Assert.Throws<InvalidOperationException>(() => scheduled.LearningRate = 0.1f);
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
