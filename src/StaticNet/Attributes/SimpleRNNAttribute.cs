namespace StaticNet;

/// <summary>
/// A fully connected recurrent layer, as Keras's <c>SimpleRNN</c>: over a sequence (<c>[Input(steps, features)]</c>),
/// <c>h_t = activation(x_t·W + h_{t−1}·U + b)</c> from <c>h_0 = 0</c>. The kernel W (features × units) is
/// Glorot-uniform, the recurrent kernel U (units × units) orthogonal, the bias zero, as Keras. Training is
/// backpropagation through the whole sequence.
/// </summary>
/// <param name="units">The state's size.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SimpleRNNAttribute(int units) : Attribute
{
    /// <summary>The state's size.</summary>
    public int Units { get; } = units;

    /// <summary>The state's activation: Keras's default Tanh; one whose derivative comes from its output (not GELU, SiLU or Softmax).</summary>
    public Activation Activation { get; set; } = Activation.Tanh;

    /// <summary>Every step's state (steps × units), for another recurrent layer or a 1-D layer; false (Keras's default): the last step's (units).</summary>
    public bool ReturnSequences { get; set; }

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
