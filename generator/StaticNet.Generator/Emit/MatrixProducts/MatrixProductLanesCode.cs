using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.MatrixProducts;

/// <summary>
/// <c>{Prefix}ForwardLanes</c>, the inference pass of a narrow <see cref="MatrixProduct"/> (<see cref="MatrixProduct.InLanes"/>)
/// over blocks of 16 samples held in lanes (the runtime's <c>SampleLanes</c> layout: a vector per feature, a lane per
/// sample): every unit is one 512-bit accumulator, and each input one vector load whose multiply-adds take the weights
/// broadcast, so a layer of 10 or 3 units does whole-vector work (in rows, 10 units fill 10 of 16 lanes, and 3 units
/// gather a column of samples for every input). The sums are the row pass's multiply-adds in its order, so each sample
/// gets the same bits.
/// </summary>
internal static class MatrixProductLanesCode
{
    private static readonly VectorWidth V = VectorWidth.V512;

    /// <summary>The call of <c>{Prefix}ForwardLanes</c> over <paramref name="blocks"/> blocks of samples, as one statement.</summary>
    public static string Call(MatrixProduct product, string kernel, string bias, string x, string y, string blocks) =>
        $"{product.Prefix}ForwardLanes({kernel}, {bias}, {x}, {y}, {blocks});";

    public static void Write(SourceWriter w, MatrixProduct product)
    {
        string applies = product.DefersActivation || product.Activation == Activation.Linear
            ? "x·W + b"
            : $"{ActivationCode.Describe(product.Activation, product.NegativeSlope)}(x·W + b)";
        int lanes = V.Lanes;
        w.WriteLine($"/// <summary>{product.Name} forward for <paramref name=\"blocks\"/> blocks of {lanes} samples in lanes, 512-bit vectors: writes {applies}, a vector per unit.</summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {product.Prefix}ForwardLanes({ReadOnlySpan} kernel, {ReadOnlySpan} bias, {ReadOnlySpan} x, {Span} y, int blocks)"))
        {
            w.WriteLine($"if (kernel.Length != {product.KernelSize} || bias.Length != {product.Units} || (uint)blocks > (uint)(x.Length / {lanes * product.Inputs}) || blocks > y.Length / {lanes * product.Units}) {ShapeGuard}.ThrowLayerShape(\"{product.Name}\");");
            MatrixProductForwardCode.Refs(w, "kernel", "bias", "x", "y");
            using (w.Open("for (int b = 0; b < blocks; b++)"))
            {
                w.WriteLine($"nuint xBlock = (nuint)b * {lanes * product.Inputs}, yBlock = (nuint)b * {lanes * product.Units};");
                MatrixProductForwardCode.UnitsInLanes(w, V, product, $"{V.Type}.LoadUnsafe(ref x0, xBlock + (nuint)(i * {lanes}))");

                for (int j = 0; j < product.Units; j++)
                {
                    string value = product.DefersActivation ? $"z{j}" : ActivationCode.Vector(product.Activation, product.NegativeSlope, $"z{j}", V);
                    w.WriteLine($"{V.Type}.StoreUnsafe({value}, ref y0, {MatrixProductForwardCode.Plus("yBlock", j * lanes)});");
                }
            }
        }
    }
}
