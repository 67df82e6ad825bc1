using StaticNet.Generator.Model;

namespace StaticNet.Generator.Layers.GaussianNoise;

/// <summary>Additive Gaussian noise: in training, <c>x + stddev · ε</c> with fresh standard normal ε; in inference, the identity.</summary>
/// <param name="Index">0-based position among the layers.</param>
/// <param name="Name">Keras-style name: <c>gaussian_noise_1</c>.</param>
/// <param name="Prefix">Generated members' prefix: <c>GaussianNoise1</c>.</param>
/// <param name="Input">One sample's input shape.</param>
/// <param name="Output">The same shape.</param>
/// <param name="Stddev">The noise's standard deviation, finite and ≥ 0.</param>
internal sealed record GaussianNoiseLayer(int Index, string Name, string Prefix, TensorShape Input, TensorShape Output, float Stddev)
    : LayerModel("GaussianNoise", Index, Name, Prefix, Input, Output, new EquatableArray<ParameterTensor>(System.Array.Empty<ParameterTensor>()))
{
    public override bool IsIdentityInInference => true;

    /// <summary>With no noise there is nothing to add, so training skips the layer too.</summary>
    public override bool IsIdentityInTraining => Stddev == 0f;

    public override bool IsStochastic => true;

    public override bool HasTrainingMode => true;

    /// <summary>The identity in inference, so in a streaming step too.</summary>
    public override int StreamingState => 0;
}
