namespace StaticNet;

/// <summary>
/// A gated recurrent unit layer, as Keras 3's <c>GRU</c>: update gate z, reset gate r and candidate ĥ, their kernel
/// columns in Keras's order (z, r, h), and <c>h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ</c> from <c>h_0 = 0</c>. With
/// <see cref="ResetAfter"/> (Keras 3's and PyTorch's default) the reset gate scales <c>h_{t−1}·U_h + b_h</c> and the bias
/// has two rows (input and recurrent, 2 × 3·units); without it, <c>(r ⊙ h_{t−1})·U_h</c> and one bias. Kernels
/// Glorot-uniform and orthogonal, bias zero, as Keras.
/// </summary>
/// <param name="units">The state's size.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GRUAttribute(int units) : Attribute
{
    /// <summary>The state's size.</summary>
    public int Units { get; } = units;

    /// <summary>The candidate's activation: Keras's default Tanh.</summary>
    public Activation Activation { get; set; } = Activation.Tanh;

    /// <summary>The gates' activation: Keras's default Sigmoid.</summary>
    public Activation RecurrentActivation { get; set; } = Activation.Sigmoid;

    /// <summary>Every step's state (steps × units); false (Keras's default): the last step's.</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>Apply the reset gate after the recurrent product (Keras 3's default, PyTorch's and cuDNN's form).</summary>
    public bool ResetAfter { get; set; } = true;

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
