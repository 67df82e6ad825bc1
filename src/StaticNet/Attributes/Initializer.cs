namespace StaticNet;

/// <summary>
/// How a kernel or bias is filled before training. Every random initialiser draws from a seeded generator, so the same seed
/// gives the same bits.
/// </summary>
/// <remarks>
/// This file is compiled into both the runtime and the source generator, so the two can never disagree on a value.
/// </remarks>
#if STATICNET_GENERATOR
internal enum Initializer
#else
public enum Initializer
#endif
{
    /// <summary>All zeros (Keras's default for biases).</summary>
    Zeros = 0,

    /// <summary>Uniform in <c>±sqrt(6 / (fanIn + fanOut))</c> (Keras's default for kernels).</summary>
    GlorotUniform = 1,

    /// <summary>Truncated normal (cut at two standard deviations) with standard deviation <c>sqrt(2 / (fanIn + fanOut))</c>, as Keras.</summary>
    GlorotNormal = 2,

    /// <summary>Uniform in <c>±sqrt(6 / fanIn)</c>.</summary>
    HeUniform = 3,

    /// <summary>Truncated normal (cut at two standard deviations) with standard deviation <c>sqrt(2 / fanIn)</c>, as Keras.</summary>
    HeNormal = 4,

    /// <summary>All ones (Keras's default for BatchNormalization's γ and moving variance).</summary>
    Ones = 5,

    /// <summary>
    /// Truncated normal (cut at two standard deviations) with standard deviation <c>sqrt(1 / fanIn)</c>, as Keras: the
    /// kernels <see cref="Activation.SELU"/> self-normalises with.
    /// </summary>
    LecunNormal = 6,

    /// <summary>Uniform in <c>±sqrt(3 / fanIn)</c>, as Keras.</summary>
    LecunUniform = 7,

    /// <summary>Keras's <c>RandomUniform</c> at its defaults (the <c>uniform</c> of <c>Embedding</c>): values in [−0.05, 0.05), whatever the fan-in.</summary>
    RandomUniform = 8,

    /// <summary>
    /// Keras's <c>Orthogonal</c> (gain 1), for recurrent kernels: a fanIn × fanOut matrix whose rows (or columns, if
    /// fewer) are orthonormal, from the QR decomposition of a normal draw with R's diagonal made positive.
    /// </summary>
    Orthogonal = 9,

    /// <summary>An LSTM's bias with Keras's <c>unit_forget_bias</c>: zeros, except ones for the forget gate (the second quarter).</summary>
    UnitForgetBias = 10,
}
