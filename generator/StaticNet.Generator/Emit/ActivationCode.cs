using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>The C# text of each activation and of its derivative, scalar (for unrolled code) and over spans (for loops).</summary>
internal static class ActivationCode
{
    /// <summary>The activation of the scalar <paramref name="z"/>, branch-free where the formula allows.</summary>
    public static string Scalar(LayerSpec layer, string z) => layer.Activation switch
    {
        Activation.ReLU => $"float.MaxNative({z}, 0f)",
        Activation.LeakyReLU => $"float.MaxNative({z}, {Literals.Float(layer.NegativeSlope)} * {z})",
        Activation.Sigmoid => $"1f / (1f + {TypeNames.MathF}.Exp(-{z}))",
        Activation.Tanh => $"{TypeNames.MathF}.Tanh({z})",
        _ => z,
    };

    /// <summary>
    /// The activation of the vector <paramref name="z"/> where it is a branch-free max (ReLU, LeakyReLU); other
    /// activations are applied to the stored values afterwards (<see cref="InPlace"/>), so <paramref name="z"/> is returned.
    /// </summary>
    public static string Vector(LayerSpec layer, string z) => Vector(layer, z, VectorWidth.V256);

    /// <summary>As <see cref="Vector(LayerSpec, string)"/>, for a vector of the given width.</summary>
    public static string Vector(LayerSpec layer, string z, VectorWidth v) => layer.Activation switch
    {
        Activation.ReLU => $"{v.Type}.MaxNative({z}, {v.Float}.Zero)",
        Activation.LeakyReLU => $"{v.Type}.MaxNative({z}, {Literals.Float(layer.NegativeSlope)} * {z})",
        _ => z,
    };

    /// <summary>Whether the activation is left for <see cref="InPlace"/> after vector code stored the pre-activations.</summary>
    public static bool NeedsSecondPass(LayerSpec layer) => layer.Activation is Activation.Sigmoid or Activation.Tanh;

    /// <summary>
    /// The gradient <paramref name="g"/> with respect to the activation's output, carried back through the activation to its
    /// input, written through the output <paramref name="a"/>. Branch-free: ReLU's and LeakyReLU's go through runtime helpers
    /// that select with a vector mask (a scalar <c>a &gt; 0 ? g : 0</c> compiles to a branch the data makes unpredictable).
    /// </summary>
    public static string ScalarDerivative(LayerSpec layer, string g, string a) => layer.Activation switch
    {
        Activation.ReLU => $"{TypeNames.Activations}.ReLUBackward({g}, {a})",
        Activation.LeakyReLU => $"{TypeNames.Activations}.LeakyReLUBackward({g}, {a}, {Literals.Float(layer.NegativeSlope)})",
        Activation.Sigmoid => $"{g} * ({a} * (1f - {a}))",
        Activation.Tanh => $"{g} * (1f - {a} * {a})",
        _ => g,
    };

    /// <summary>A statement applying the activation in place to the span <paramref name="span"/>, or null for Linear.</summary>
    public static string? InPlace(LayerSpec layer, string span) => layer.Activation switch
    {
        Activation.Linear => null,
        Activation.ReLU => $"{TypeNames.TensorPrimitives}.Max({span}, 0f, {span});",
        Activation.Softmax => $"{TypeNames.Activations}.Softmax({span});",
        Activation.Sigmoid => $"{TypeNames.Activations}.Sigmoid({span});",
        Activation.Tanh => $"{TypeNames.TensorPrimitives}.Tanh({span}, {span});",
        _ => $"{TypeNames.Activations}.LeakyReLU({span}, {Literals.Float(layer.NegativeSlope)});",
    };

    /// <summary>A statement turning <paramref name="gradient"/> (w.r.t. the activation's output <paramref name="output"/>) into the gradient w.r.t. its input, or null for Linear.</summary>
    public static string? BackwardInPlace(LayerSpec layer, string output, string gradient) => layer.Activation == Activation.Linear
        ? null
        : $"{TypeNames.Activations}.Backward({TypeNames.ActivationEnum}.{layer.Activation}, {output}, {gradient}, {Literals.Float(layer.NegativeSlope)});";

    /// <summary>How the formula reads in a comment.</summary>
    public static string Describe(LayerSpec layer) => layer.Activation switch
    {
        Activation.LeakyReLU => $"LeakyReLU (slope {Literals.Float(layer.NegativeSlope)})",
        _ => layer.Activation.ToString(),
    };
}
