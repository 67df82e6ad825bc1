namespace StaticNet;

/// <summary>
/// The loss a network is trained on. Each is averaged over a mini-batch, as Keras and PyTorch do by default.
/// </summary>
/// <remarks>
/// This file is compiled into both the runtime and the source generator, so the two can never disagree on a value.
/// </remarks>
#if STATICNET_GENERATOR
internal enum Loss
#else
public enum Loss
#endif
{
    /// <summary>
    /// Mean squared error, averaged over the output units (Keras's <c>mean_squared_error</c>). Fits any output activation.
    /// Targets: one float per output unit.
    /// </summary>
    MeanSquaredError = 0,

    /// <summary>
    /// Binary cross-entropy, averaged over the output units. Requires a <see cref="Activation.Sigmoid"/> output and is computed
    /// from the logits (sigmoid fused with the loss), so it never takes the log of 0. Targets: one value in [0, 1] per output unit.
    /// </summary>
    BinaryCrossEntropy = 1,

    /// <summary>
    /// Categorical cross-entropy. Requires a <see cref="Activation.Softmax"/> output of at least two units and is computed from the logits
    /// with log-sum-exp (softmax fused with the loss; gradient <c>p - y</c>). Targets: a probability vector (usually one-hot) per sample.
    /// </summary>
    CategoricalCrossEntropy = 2,

    /// <summary>
    /// Sparse categorical cross-entropy: as <see cref="CategoricalCrossEntropy"/>, but each target is one class index in
    /// <c>0 .. units-1</c>, stored as a single float.
    /// </summary>
    SparseCategoricalCrossEntropy = 3,
    /// <summary>
    /// Mean absolute error, averaged over the output units (Keras's <c>mean_absolute_error</c>): robust to outliers, its
    /// gradient <c>sign(a − y) / units</c> (0 where they are equal). Fits any output activation. Targets: one float per output unit.
    /// </summary>
    MeanAbsoluteError = 4,
    /// <summary>
    /// Huber loss, averaged over the output units (Keras's <c>Huber(delta)</c>): <c>½(a − y)²</c> within
    /// <c>NetworkAttribute.HuberDelta</c> (1 by default) of the target, <c>δ(|a − y| − ½δ)</c> beyond it, so large errors
    /// weigh linearly. Fits any output activation. Targets: one float per output unit.
    /// </summary>
    Huber = 5,
    /// <summary>
    /// Log-cosh loss, averaged over the output units (Keras's <c>log_cosh</c>): about <c>½(a − y)²</c> for small errors and
    /// <c>|a − y| − log 2</c> for large ones, with gradient <c>tanh(a − y) / units</c>. Fits any output activation.
    /// Targets: one float per output unit.
    /// </summary>
    LogCosh = 6,
}
