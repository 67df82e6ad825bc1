using System;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The C# text of each activation and of its derivative: scalar, in vectors, and over spans. Every switch names every
/// activation; an unknown one (which the rules turn into SNET0013 before emission) throws rather than being written as a
/// silent default.
/// </summary>
internal static class ActivationCode
{
    /// <summary>The activation of the scalar <paramref name="z"/>, branch-free where the formula allows.</summary>
    public static string Scalar(Activation activation, float slope, string z) => activation switch
    {
        Activation.Linear => z,
        Activation.ReLU => $"float.MaxNative({z}, 0f)",
        Activation.LeakyReLU => $"float.MaxNative({z}, {Literals.Float(slope)} * {z})",
        Activation.Sigmoid => $"1f / (1f + {TypeNames.MathF}.Exp(-{z}))",
        Activation.Tanh => $"{TypeNames.MathF}.Tanh({z})",
        Activation.ELU or Activation.SELU or Activation.Softplus or Activation.HardSigmoid or Activation.GELU or Activation.GELUTanh or Activation.SiLU => $"{TypeNames.Activations}.{RuntimeName(activation)}({z})",
        Activation.Softmax => throw new InvalidOperationException("Softmax is not element-wise; it is applied to the output span."),
        _ => throw Unknown(activation),
    };

    /// <summary>
    /// The activation of the vector <paramref name="z"/> where it is a branch-free max (ReLU, LeakyReLU); the others are
    /// applied to the stored values afterwards (<see cref="InPlace"/>), so <paramref name="z"/> is returned.
    /// </summary>
    public static string Vector(Activation activation, float slope, string z, VectorWidth v) => activation switch
    {
        Activation.ReLU => $"{v.Type}.MaxNative({z}, {v.Zero})",
        Activation.LeakyReLU => $"{v.Type}.MaxNative({z}, {v.Scale(Literals.Float(slope), z)})",
        Activation.Linear or Activation.Sigmoid or Activation.Tanh or Activation.Softmax => z,
        Activation.ELU or Activation.SELU or Activation.Softplus or Activation.HardSigmoid or Activation.GELU or Activation.GELUTanh or Activation.SiLU => z,
        _ => throw Unknown(activation),
    };

    /// <summary>Whether vector code leaves the activation for <see cref="InPlace"/> after storing the pre-activations.</summary>
    public static bool NeedsSecondPass(Activation activation) => activation switch
    {
        Activation.Sigmoid or Activation.Tanh or Activation.Softmax => true,
        Activation.ELU or Activation.SELU or Activation.Softplus or Activation.HardSigmoid or Activation.GELU or Activation.GELUTanh or Activation.SiLU => true,
        Activation.Linear or Activation.ReLU or Activation.LeakyReLU => false,
        _ => throw Unknown(activation),
    };

    /// <summary>
    /// A statement applying the activation in place to the span <paramref name="span"/>, or null for Linear. With
    /// <paramref name="precise"/> (code for machines that may lack FMA), tanh is the scalar library's, as the reference's is.
    /// </summary>
    public static string? InPlace(Activation activation, float slope, string span, bool precise = false) => activation switch
    {
        Activation.Linear => null,
        Activation.ReLU => $"{TypeNames.TensorPrimitives}.Max({span}, 0f, {span});",
        Activation.LeakyReLU => $"{TypeNames.Activations}.LeakyReLU({span}, {Literals.Float(slope)});",
        Activation.Sigmoid => $"{TypeNames.Activations}.Sigmoid({span});",
        Activation.Tanh when precise => $"{TypeNames.Activations}.TanhPrecise({span});",
        Activation.Tanh => $"{TypeNames.TensorPrimitives}.Tanh({span}, {span});",
        Activation.Softmax => $"{TypeNames.Activations}.Softmax({span});",
        Activation.ELU or Activation.SELU or Activation.Softplus or Activation.HardSigmoid or Activation.GELU or Activation.GELUTanh or Activation.SiLU => $"{TypeNames.Activations}.Apply({TypeNames.ActivationEnum}.{activation}, {span});",
        _ => throw Unknown(activation),
    };

    /// <summary>
    /// The gradient <paramref name="g"/> with respect to the activation's output carried back to its input, written through
    /// the output <paramref name="a"/>. Branch-free: ReLU's and LeakyReLU's select with a vector mask, since which units
    /// are active changes from sample to sample and a branch would be mispredicted about half the time.
    /// </summary>
    public static string ScalarDerivative(Activation activation, float slope, string g, string a) => activation switch
    {
        Activation.Linear => g,
        Activation.ReLU => $"{TypeNames.Activations}.ReLUBackward({g}, {a})",
        Activation.LeakyReLU => $"{TypeNames.Activations}.LeakyReLUBackward({g}, {a}, {Literals.Float(slope)})",
        Activation.Sigmoid => $"{g} * ({a} * (1f - {a}))",
        Activation.Tanh => $"{g} * (1f - {a} * {a})",
        Activation.ELU or Activation.SELU or Activation.Softplus or Activation.HardSigmoid => $"{TypeNames.Activations}.{RuntimeName(activation)}Backward({g}, {a})",
        Activation.GELU or Activation.GELUTanh or Activation.SiLU => throw NeedsInput(activation),
        Activation.Softmax => throw new InvalidOperationException("Softmax is only an output activation; the loss carries its gradient."),
        _ => throw Unknown(activation),
    };

    /// <summary>The same, for vectors <paramref name="g"/> and <paramref name="a"/> of the given width.</summary>
    public static string VectorDerivative(Activation activation, float slope, string g, string a, VectorWidth v) => activation switch
    {
        Activation.Linear => g,
        Activation.ReLU => $"{v.Type}.ConditionalSelect({v.Type}.GreaterThan({a}, {v.Float}.Zero), {g}, {v.Float}.Zero)",
        Activation.LeakyReLU => $"{v.Type}.ConditionalSelect({v.Type}.GreaterThan({a}, {v.Float}.Zero), {g}, {Literals.Float(slope)} * {g})",
        Activation.Sigmoid => $"{g} * ({a} * ({v.Float}.One - {a}))",
        Activation.Tanh => $"{g} * ({v.Float}.One - {a} * {a})",
        Activation.ELU or Activation.SELU or Activation.Softplus or Activation.HardSigmoid => $"{TypeNames.Activations}.{RuntimeName(activation)}Backward({g}, {a})",
        Activation.GELU or Activation.GELUTanh or Activation.SiLU => throw NeedsInput(activation),
        Activation.Softmax => throw new InvalidOperationException("Softmax is only an output activation; the loss carries its gradient."),
        _ => throw Unknown(activation),
    };

    /// <summary>How the formula reads in a comment.</summary>
    public static string Describe(Activation activation, float slope) => activation switch
    {
        Activation.LeakyReLU => $"LeakyReLU (slope {Literals.Float(slope)})",
        Activation.Linear or Activation.ReLU or Activation.Sigmoid or Activation.Tanh or Activation.Softmax => activation.ToString(),
        Activation.ELU or Activation.SELU or Activation.Softplus or Activation.HardSigmoid => activation.ToString(),
        Activation.GELU or Activation.GELUTanh or Activation.SiLU => activation.ToString(), // a standalone Activation layer's only (the rules)
        _ => throw Unknown(activation),
    };

    /// <summary>The runtime's scalar function of an activation it computes element by element (<c>Activations.Elu</c> for <see cref="Activation.ELU"/>).</summary>
    private static string RuntimeName(Activation activation) => activation switch
    {
        Activation.ELU => "Elu",
        Activation.SELU => "Selu",
        Activation.Softplus or Activation.HardSigmoid => activation.ToString(),
        Activation.GELU => "Gelu",
        Activation.GELUTanh => "GeluTanh",
        Activation.SiLU => "Silu",
        _ => throw Unknown(activation),
    };

    /// <summary>GELU's and SiLU's derivatives need the pre-activation: the rules allow them only in a standalone Activation layer (SNET0043).</summary>
    private static InvalidOperationException NeedsInput(Activation activation) =>
        new($"{activation}'s derivative needs the pre-activation, which only a standalone Activation layer's backward pass reads.");

    private static ArgumentOutOfRangeException Unknown(Activation activation) =>
        new(nameof(activation), activation, "An activation the rules did not validate.");
}
