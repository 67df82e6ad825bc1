namespace StaticNet.Tests.Runtime;

public class LossFunctionTests
{
    [Fact]
    public void Softmax_cross_entropy_stays_finite_and_exact_for_extreme_logits()
    {
        float[] logits = [50f, -50f, 0f];
        var p = new float[3];
        var dz = new float[3];
        // Label 1 has logit −50: the loss is logsumexp(z) − z_1 = 50 + log(1 + e^-50 + e^-100) + 50 ≈ 100 (a naive log(softmax) gives ∞).
        float loss = LossFunctions.SparseSoftmaxCrossEntropy(logits, [1f], p, dz);
        Assert.Equal(100f, loss, 1e-4f);
        Assert.Equal(1f, p[0], 1e-6f);
        Assert.Equal([1f, -1f, 0f], dz.Select(d => MathF.Round(d, 6)).ToArray());

        loss = LossFunctions.SoftmaxCrossEntropy([500f, -500f], [0f, 1f], p.AsSpan(0, 2), dz.AsSpan(0, 2));
        Assert.Equal(1000f, loss, 1e-3f);
    }

    [Fact]
    public void Sigmoid_binary_cross_entropy_uses_logits_stably()
    {
        var p = new float[2];
        var dz = new float[2];
        // Mean over two units of max(z,0) − z·y + log(1 + e^−|z|): unit 0 (z = 50, y = 0) costs 50, unit 1 (z = −50, y = 0) costs ~0.
        float loss = LossFunctions.SigmoidBinaryCrossEntropy([50f, -50f], [0f, 0f], p, dz);
        Assert.Equal(25f, loss, 1e-5f);
        Assert.Equal(0.5f, dz[0], 1e-6f); // (σ(50) − 0) / 2
        Assert.Equal(0f, dz[1], 1e-6f);

        loss = LossFunctions.SigmoidBinaryCrossEntropy([0f, 0f], [1f, 0f], p, dz);
        Assert.Equal(MathF.Log(2f), loss, 1e-6f);
        Assert.Equal([-0.25f, 0.25f], dz);
    }

    [Fact]
    public void Mean_squared_error_is_averaged_over_units_as_keras_does()
    {
        var p = new float[2];
        var dz = new float[2];
        float loss = LossFunctions.MeanSquaredError(Activation.Linear, 0f, [1f, 3f], [0f, 1f], p, dz);
        Assert.Equal((1f + 4f) / 2, loss);
        Assert.Equal([1f, 2f], dz); // 2·(a − y)/2
    }

    [Fact]
    public void Softmax_of_huge_logits_does_not_overflow()
    {
        float[] values = [1000f, 1000f, -1000f];
        Activations.Softmax(values);
        Assert.Equal([0.5f, 0.5f, 0f], values);
    }

    [Fact]
    public void Sigmoid_does_not_overflow_either_way()
    {
        Assert.Equal(1f, Activations.Sigmoid(200f));
        Assert.Equal(0f, Activations.Sigmoid(-200f));
        Assert.Equal(0.5f, Activations.Sigmoid(0f));
    }
}
