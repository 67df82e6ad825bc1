namespace StaticNet.Generator.Model;

/// <summary>An activation with its setting: the function and, for LeakyReLU, the slope below zero.</summary>
/// <param name="Function">The activation.</param>
/// <param name="NegativeSlope">LeakyReLU's slope below zero (carried, unused, for the others).</param>
internal sealed record ActivationFunction(Activation Function, float NegativeSlope)
{
    /// <summary>Keras's LeakyReLU slope, the default of every <c>NegativeSlope</c> property.</summary>
    public const float DefaultNegativeSlope = 0.2f;

    /// <summary>No activation: what a network whose last layer applies none gives.</summary>
    public static ActivationFunction Linear { get; } = new(Activation.Linear, DefaultNegativeSlope);
}
