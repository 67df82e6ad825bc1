using StaticNet.Tests.Networks;

namespace StaticNet.Tests.Callbacks;

/// <summary>Learning-rate schedules step by step (Keras's formulas), and optimizers that follow one.</summary>
public class ScheduleTests
{
    [Fact]
    public void Exponential_decay_is_kerass_formula_smooth_and_staircase()
    {
        var smooth = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5);
        var stairs = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5, staircase: true);
        foreach (long step in new long[] { 0, 1, 5, 9, 10, 15, 20, 1000 })
        {
            Assert.Equal(0.1 * Math.Pow(0.5, step / 10.0), smooth.LearningRateAt(step), 15);
            Assert.Equal(0.1 * Math.Pow(0.5, step / 10), stairs.LearningRateAt(step), 15);
        }

        Assert.Equal(0.05, smooth.LearningRateAt(10), 15);
        Assert.Equal(0.1, stairs.LearningRateAt(9), 15);
    }

    [Fact]
    public void Cosine_decay_falls_along_half_a_cosine_to_alpha_and_stays()
    {
        var cosine = new CosineDecay(0.01, decaySteps: 100, alpha: 0.1);
        Assert.Equal(0.01, cosine.LearningRateAt(0), 15);
        Assert.Equal(0.01 * (0.9 * 0.5 + 0.1), cosine.LearningRateAt(50), 15);
        Assert.Equal(0.001, cosine.LearningRateAt(100), 15);
        Assert.Equal(0.001, cosine.LearningRateAt(5000), 15);
        Assert.Equal(0.01 * (0.9 * 0.5 * (1 + Math.Cos(Math.PI * 0.25)) + 0.1), cosine.LearningRateAt(25), 15);
    }

    [Fact]
    public void Step_decay_drops_by_the_factor_every_step_size()
    {
        var step = new StepDecay(0.1, stepSize: 3, factor: 0.5);
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025], Enumerable.Range(0, 7).Select(s => step.LearningRateAt(s)));
    }

    [Fact]
    public void Schedules_refuse_bad_settings_naming_them()
    {
        Assert.Equal("initialLearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(double.NaN, 10)).ParamName);
        Assert.Equal("decaySteps", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1, 0, 0.5)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, 10, alpha: 2)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0.1, 10, factor: 0)).ParamName);
    }

    [Fact]
    public void Adam_on_a_schedule_takes_each_step_with_the_schedules_rate()
    {
        // The same bits as a constant-rate Adam whose rate is set to the schedule's value before each step.
        var schedule = new CosineDecay(0.05, decaySteps: 7, alpha: 0.2);
        var scheduled = new Adam(schedule);
        var manual = new Adam(0.05f);
        var random = new SeededRandom(3);
        float[] a = Enumerable.Range(0, 37).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] b = a.ToArray();
        for (int step = 0; step < 10; step++)
        {
            float[] gradient = Enumerable.Range(0, 37).Select(_ => random.NextSingle() - 0.5f).ToArray();
            manual.LearningRate = (float)schedule.LearningRateAt(step);
            scheduled.Step(a, gradient);
            manual.Step(b, gradient);
            Assert.Equal((float)schedule.LearningRateAt(step), scheduled.LearningRate);
            Assert.Equal(b, a);
        }

        Assert.Throws<InvalidOperationException>(() => scheduled.LearningRate = 0.1f);
    }

    [Fact]
    public void Sgd_on_a_schedule_takes_each_step_with_the_schedules_rate()
    {
        var sgd = new Sgd(new StepDecay(0.5, stepSize: 2, factor: 0.1));
        float[] parameters = [1f];
        float[] expected = [1f];
        foreach (float rate in new[] { 0.5f, 0.5f, 0.05f, 0.05f, 0.005f })
        {
            sgd.Step(parameters, [1f]);
            expected[0] -= rate;
            Assert.Equal(expected[0], parameters[0], 6);
        }

        Assert.Equal(5, sgd.Iterations);
    }

    [Fact]
    public void A_schedule_given_to_fit_decays_across_epochs()
    {
        // 150 samples in batches of 50: 3 steps per epoch; ExponentialDecay over 3 steps halves the rate each epoch.
        var adam = new Adam(new ExponentialDecay(0.01, decaySteps: 3, decayRate: 0.5, staircase: true));
        new IrisNet(1).Fit(TestData.ScaledIris(), epochs: 4, batchSize: 50, optimizer: adam);
        Assert.Equal(12, adam.Iterations);
        Assert.Equal(0.01f * 0.125f, adam.LearningRate, 7); // the rate of step 11: 0.01 · 0.5³
    }
}
