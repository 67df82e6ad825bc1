namespace StaticNet;

/// <summary>
/// A lookup table from token ids to dense vectors, as Keras's <c>Embedding</c>: the first layer of a network whose
/// input is a sequence of token ids (<c>[Input(steps)]</c>, each id a whole number stored as a float in a
/// <see cref="Dataset"/>); each step's id selects a row of the table, so steps become steps × <c>outputDim</c>. Training
/// adds each step's gradient to the row it read. A <c>Conv1D</c>, a 1-D pooling or <c>[Flatten]</c> takes the
/// sequence of vectors on.
/// </summary>
/// <param name="inputDim">The vocabulary's size: ids run from 0 to <c>inputDim − 1</c>.</param>
/// <param name="outputDim">The length of each vector.</param>
/// <remarks>
/// An id that is not a whole number in range is refused with the sample and step named (by <c>Fit</c>,
/// <c>Evaluate</c> and <c>Predict</c> before they run, and by the generated code itself). The gradient with respect to
/// the ids is zero (they select, they are not scaled), so saliency maps of such a network are zero at its input.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EmbeddingAttribute(int inputDim, int outputDim) : Attribute
{
    /// <summary>The vocabulary's size.</summary>
    public int InputDim { get; } = inputDim;

    /// <summary>The length of each vector.</summary>
    public int OutputDim { get; } = outputDim;

    /// <summary>How the table is filled: Keras's default <c>uniform</c>, values in [−0.05, 0.05).</summary>
    public Initializer EmbeddingsInitializer { get; set; } = Initializer.RandomUniform;

    /// <summary>
    /// Id 0 is padding, as Keras's <c>mask_zero</c>: the recurrent layers carry their states over padded steps and a
    /// <c>[GlobalAveragePooling1D]</c> averages the other steps only (a sequence of padding only pools to zeros). The mask
    /// passes through Dense, Dropout, Activation, GaussianNoise and recurrent layers that return sequences; a layer
    /// that cannot apply it (Flatten, a convolution, max pooling, batch normalisation) is refused (SNET0049), as is a
    /// mask that reaches the loss. Id 0 still has a row in the table, so the vocabulary keeps <c>inputDim</c> ids.
    /// </summary>
    public bool MaskZero { get; set; }
}
