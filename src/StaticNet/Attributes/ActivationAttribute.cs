namespace StaticNet;

/// <summary>
/// An activation on its own, as Keras's <c>Activation</c> layer: <c>y = activation(x)</c>, element by element (Softmax
/// over the sample). As the last layer it is the network's output activation, exactly as if the layer before it had
/// declared it: <c>[Dense(1)] [Activation(Activation.Sigmoid)]</c> with <see cref="Loss.BinaryCrossEntropy"/> trains the
/// same network as <c>[Dense(1, Activation.Sigmoid)]</c>, the sigmoid fused into the loss. Softmax is allowed on the last
/// layer only.
/// </summary>
/// <param name="activation">The activation.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivationAttribute(Activation activation) : Attribute
{
    /// <summary>The activation.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>The slope below zero for <see cref="Activation.LeakyReLU"/>, in [0, 1). Default 0.2, as Keras's <c>LeakyReLU</c>.</summary>
    public double NegativeSlope { get; set; } = 0.2;
}
