namespace StaticNet.Generator.Emit;

/// <summary>Fully qualified names used in generated code, so a user's own types can never capture them.</summary>
internal static class TypeNames
{
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string MathF = "global::System.MathF";
    // Fused where the machine has FMA (the same bits as MathF.FusedMultiplyAdd there), a multiply and an add where it does
    // not: a Native AOT build at the default instruction set has no FMA, and MathF.FusedMultiplyAdd would be emulated in
    // software, tens of times slower.
    public const string Fma = "float.MultiplyAddEstimate";
    public const string TensorPrimitives = "global::System.Numerics.Tensors.TensorPrimitives";
    public const string ShapeGuard = "global::StaticNet.Generated.ShapeGuard";
    public const string Activations = "global::StaticNet.Generated.Activations";
    public const string ActivationEnum = "global::StaticNet.Activation";
    public const string LossFunctions = "global::StaticNet.Generated.LossFunctions";
    public const string INetwork = "global::StaticNet.INetwork";
    public const string LayerInfo = "global::StaticNet.LayerInfo";
    public const string LayerList = "global::System.Collections.Generic.IReadOnlyList<global::StaticNet.LayerInfo>";
    public const string Initializers = "global::StaticNet.Initializers";
    public const string InitializerEnum = "global::StaticNet.Initializer";
    public const string SeededRandom = "global::StaticNet.SeededRandom";
    public const string TrainingWorkspace = "global::StaticNet.TrainingWorkspace";
    public const string ParameterInfo = "global::StaticNet.ParameterInfo";
    public const string Regularization = "global::StaticNet.Generated.Regularization";
    public const string Matrices = "global::StaticNet.Generated.Matrices";
    public const string SampleLanes = "global::StaticNet.Generated.SampleLanes";
    public const string ChannelsLast = "global::StaticNet.Generated.ChannelsLast";
    public const string Vector256 = "global::System.Runtime.Intrinsics.Vector256";
    public const string Vector256Float = "global::System.Runtime.Intrinsics.Vector256<float>";
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCode";

    /// <summary>
    /// Put on every hot generated method. A small network's whole training run (the Iris recipe: ~15 ms) ends before
    /// tiered compilation promotes a method (it waits 100 ms after the first 30 calls), so without this the run would
    /// execute unoptimised Tier0 code from start to end. Straight-line code gains nothing from the profile Tier0 collects.
    /// </summary>
    public const string AggressiveOptimization = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";
}
