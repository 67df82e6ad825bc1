namespace StaticNet;

/// <summary>
/// Inverted dropout, as Keras's <c>Dropout</c>: in training, each value is zeroed with probability <c>rate</c> and the
/// others are scaled by <c>1 / (1 − rate)</c>, so the expected output equals the input; in inference (<c>Forward</c>,
/// <c>Evaluate</c>, <c>Predict</c>) the layer is the identity. The random stream comes from the training workspace,
/// which <c>Fit</c> seeds from its <c>seed</c>: the same seed gives the same masks.
/// </summary>
/// <param name="rate">The fraction of values dropped, in [0, 1). A rate of 0 makes the layer the identity.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute(double rate) : Attribute
{
    /// <summary>The fraction of values dropped in training.</summary>
    public double Rate { get; } = rate;
}
