namespace StaticNet;

/// <summary>
/// Additive zero-centred Gaussian noise, as Keras's <c>GaussianNoise</c>: in training, <c>y = x + ε</c> with ε drawn
/// from N(0, stddev²) afresh for every value of every sample; in inference (<c>Forward</c>, <c>Evaluate</c>,
/// <c>Predict</c>) the layer is the identity. A regulariser and a data augmentation for real-valued inputs. The noise is
/// drawn from the training workspace's random stream, which <c>Fit</c> seeds from its <c>seed</c>: the same seed gives
/// the same noise.
/// </summary>
/// <param name="stddev">The standard deviation of the noise, finite and ≥ 0. Zero makes the layer the identity.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GaussianNoiseAttribute(double stddev) : Attribute
{
    /// <summary>The standard deviation of the noise.</summary>
    public double Stddev { get; } = stddev;
}
