using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.MatrixProducts;

/// <summary>
/// <c>{Prefix}ForwardLanes</c>, the inference pass of a narrow <see cref="MatrixProduct"/> (<see cref="MatrixProduct.InLanes"/>)
/// over blocks of 16 samples held in lanes (the runtime's <c>SampleLanes</c> layout: 16 floats per feature, a lane per
/// sample): every unit is one accumulator, and each input one vector load whose multiply-adds take the weights
/// broadcast, so a layer of 10 or 3 units does whole-vector work (in rows, 10 units fill 10 of 16 lanes, and 3 units
/// gather a column of samples for every input). Written once, generic over the vector width (<see cref="VectorWidth.Generic"/>):
/// a block is one 512-bit vector per feature, two 256-bit ones or four 128-bit ones, taken in turn. The sums are the row
/// pass's multiply-adds in its order, so each sample gets the same bits at each width.
/// </summary>
internal static class MatrixProductLanesCode
{
    private static readonly VectorWidth V = VectorWidth.Generic;

    /// <summary>Samples per block: the runtime's <c>SampleLanes.Count</c>.</summary>
    private const int BlockSamples = Planning.NetworkPlanner.SamplesInLanes;

    /// <summary>The call of <c>{Prefix}ForwardLanes</c> over <paramref name="blocks"/> blocks of samples from a generic caller, as one statement.</summary>
    public static string Call(MatrixProduct product, string kernel, string bias, string x, string y, string blocks) =>
        $"{product.Prefix}ForwardLanes{VectorWidth.GenericParameters}({kernel}, {bias}, {x}, {y}, {blocks});";

    public static void Write(SourceWriter w, MatrixProduct product)
    {
        string applies = product.DefersActivation || product.Activation == Activation.Linear
            ? "x·W + b"
            : $"{ActivationCode.Describe(product.Activation, product.NegativeSlope)}(x·W + b)";
        w.WriteLine($"/// <summary>{product.Name} forward for <paramref name=\"blocks\"/> blocks of {BlockSamples} samples in lanes, at the width of <typeparamref name=\"TSimd\"/>: writes {applies}, a vector per unit.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {product.Prefix}ForwardLanes{VectorWidth.GenericParameters}({ReadOnlySpan} kernel, {ReadOnlySpan} bias, {ReadOnlySpan} x, {Span} y, int blocks) {VectorWidth.GenericConstraints}"))
        {
            w.WriteLine($"if (kernel.Length != {product.KernelSize} || bias.Length != {product.Units} || (uint)blocks > (uint)(x.Length / {BlockSamples * product.Inputs}) || blocks > y.Length / {BlockSamples * product.Units}) {ShapeGuard}.ThrowLayerShape(\"{product.Name}\");");
            MatrixProductForwardCode.Refs(w, "kernel", "bias", "x", "y");
            using (w.Open($"for (nuint lane = 0; lane < (nuint)blocks * {BlockSamples}; lane += (nuint)TSimd.Lanes)"))
            {
                w.WriteLine($"// The vector's samples: block lane / {BlockSamples} (its features {BlockSamples} floats apart), from sample lane % {BlockSamples} of it.");
                w.WriteLine($"nuint xBlock = lane / {BlockSamples} * {BlockSamples * product.Inputs} + lane % {BlockSamples}, yBlock = lane / {BlockSamples} * {BlockSamples * product.Units} + lane % {BlockSamples};");
                MatrixProductForwardCode.UnitsInLanes(w, V, product, $"{V.Type}.LoadUnsafe(ref x0, xBlock + (nuint)(i * {BlockSamples}))");

                for (int j = 0; j < product.Units; j++)
                {
                    string value = product.DefersActivation ? $"z{j}" : ActivationCode.Vector(product.Activation, product.NegativeSlope, $"z{j}", V);
                    w.WriteLine($"{V.Type}.StoreUnsafe({value}, ref y0, {MatrixProductForwardCode.Plus("yBlock", j * BlockSamples)});");
                }
            }
        }
    }
}
