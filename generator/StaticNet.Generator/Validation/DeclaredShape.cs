namespace StaticNet.Generator.Validation;

/// <summary>The kind of a shape attribute.</summary>
internal enum ShapeAttributeKind
{
    Input,
    Dense,
}

/// <summary>
/// One shape attribute as written, before any rule is applied: raw numbers, so that values no enum defines can still be
/// reported. Free of Roslyn types, so the shape rules can be tested on their own.
/// </summary>
/// <param name="Kind">Input or Dense.</param>
/// <param name="Size">The input size or the layer's units.</param>
/// <param name="Activation">The activation's raw value.</param>
/// <param name="NegativeSlope">LeakyReLU's slope.</param>
/// <param name="KernelInitializer">The kernel initialiser's raw value.</param>
/// <param name="BiasInitializer">The bias initialiser's raw value.</param>
/// <param name="OnNetworkDeclaration">Whether the attribute sits on the same partial declaration as [Network].</param>
internal sealed record DeclaredAttribute(
    ShapeAttributeKind Kind,
    int Size,
    int Activation = 0,
    float NegativeSlope = 0.2f,
    int KernelInitializer = (int)Initializer.GlorotUniform,
    int BiasInitializer = (int)Initializer.Zeros,
    bool OnNetworkDeclaration = true);
