namespace StaticNet;

/// <summary>
/// A long short-term memory layer, as Keras's <c>LSTM</c>: input, forget and output gates and the candidate, their kernel
/// columns in Keras's order (i, f, c, o); <c>c_t = f ⊙ c_{t−1} + i ⊙ ĉ</c>, <c>h_t = o ⊙ activation(c_t)</c>, from zero
/// states. Kernels Glorot-uniform and orthogonal; the bias (4·units) zero except the forget gate's, 1 with
/// <see cref="UnitForgetBias"/> (Keras's default).
/// </summary>
/// <param name="units">The state's size.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LSTMAttribute(int units) : Attribute
{
    /// <summary>The state's size.</summary>
    public int Units { get; } = units;

    /// <summary>The candidate's and the cell output's activation: Keras's default Tanh.</summary>
    public Activation Activation { get; set; } = Activation.Tanh;

    /// <summary>The gates' activation: Keras's default Sigmoid.</summary>
    public Activation RecurrentActivation { get; set; } = Activation.Sigmoid;

    /// <summary>Every step's state (steps × units); false (Keras's default): the last step's.</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>Initialise the forget gate's bias to 1 (Keras's default), so the cell keeps its memory at the start.</summary>
    public bool UnitForgetBias { get; set; } = true;

    /// <summary>L1 regularisation factor of the kernel (Keras's <c>kernel_regularizer</c>): adds L1·Σ|w| to the loss. 0: none.</summary>
    public double L1 { get; set; }

    /// <summary>L2 regularisation factor of the kernel: adds L2·Σw² to the loss (Keras's convention, no ½). 0: none.</summary>
    public double L2 { get; set; }

    /// <summary>
    /// Run the sequence both ways, as Keras's <c>Bidirectional</c> wrapper with its default <c>merge_mode="concat"</c>:
    /// a second set of weights reads the steps last to first, and each output is [forward units, backward units] (the
    /// backward direction's last state is the one after it has read back to the first step).
    /// </summary>
    public bool Bidirectional { get; set; }
}
