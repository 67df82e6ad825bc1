namespace StaticNet;

/// <summary>
/// Batch normalisation of each feature, as Keras's <c>BatchNormalization</c>:
/// <c>y = γ · (x − μ) / √(σ² + ε) + β</c>. In training, μ and σ² are the batch's mean and (biased) variance, and the
/// non-trainable moving statistics are updated once per batch: <c>moving = moving · momentum + batch · (1 − momentum)</c>.
/// In inference, the moving statistics are used. γ (ones) and β (zeros) are trainable; the moving mean (zeros) and
/// variance (ones) are non-trainable parameters, kept in <c>NonTrainableParameters</c>.
/// </summary>
/// <remarks>
/// PyTorch's <c>BatchNorm1d</c> writes the same layer with <c>momentum = 1 − Keras's momentum</c> (0.1), ε = 1e-5, and
/// an unbiased running variance; StaticNet follows Keras.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormalizationAttribute : Attribute
{
    /// <summary>The weight of the old value in the moving statistics' update, in [0, 1]. Default 0.99, as Keras.</summary>
    public double Momentum { get; set; } = 0.99;

    /// <summary>Added to the variance before its square root; must be positive. Default 1e-3, as Keras.</summary>
    public double Epsilon { get; set; } = 1e-3;
}
