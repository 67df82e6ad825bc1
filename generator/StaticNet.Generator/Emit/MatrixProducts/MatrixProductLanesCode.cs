using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.MatrixProducts;

/// <summary>
/// <c>{Prefix}ForwardLanes</c>, the inference pass of a narrow <see cref="MatrixProduct"/> (<see cref="MatrixProduct.InLanes"/>)
/// over blocks of 16 samples held in lanes (the runtime's <c>SampleLanes</c> layout: 16 floats per feature, a lane per
/// sample): every unit is one accumulator per vector of samples, and each input one vector load whose multiply-adds take
/// the weights broadcast, so a layer of 10 or 3 units does whole-vector work (in rows, 10 units fill 10 of 16 lanes, and
/// 3 units gather a column of samples for every input). Two vectors of samples go together, so that each broadcast
/// weight feeds two multiply-adds, with the units in groups that fit the registers (<see cref="MatrixProduct.LanesUnitGroup"/>).
/// Written once, generic over the vector width (<see cref="VectorWidth.Generic"/>): a block is one 512-bit vector per
/// feature, two 256-bit ones or four 128-bit ones. The sums are the row pass's multiply-adds in its order, so each sample
/// gets the same bits at each width.
/// </summary>
internal static class MatrixProductLanesCode
{
    private static readonly VectorWidth V = VectorWidth.Generic;

    /// <summary>Samples per block: the runtime's <c>SampleLanes.Count</c>.</summary>
    private const int BlockSamples = Planning.NetworkPlanner.SamplesInLanes;

    /// <summary>The call of <c>{Prefix}ForwardLanes</c> over <paramref name="blocks"/> blocks of samples from a generic caller, as one statement.</summary>
    public static string Call(MatrixProduct product, string kernel, string bias, string x, string y, string blocks) =>
        $"{product.Prefix}ForwardLanes{VectorWidth.GenericParameters}({kernel}, {bias}, {x}, {y}, {blocks});";

    /// <summary>Where the vector of samples from <paramref name="lane"/> starts in a lanes buffer of <paramref name="width"/> features.</summary>
    private static string Block(string lane, int width) => $"{lane} / {BlockSamples} * {BlockSamples * width} + {lane} % {BlockSamples}";

    /// <summary>
    /// <paramref name="count"/> units from <paramref name="first"/> (a constant, or the group loop's <c>u</c>) for both vectors
    /// of samples: <c>z{j}_{v}</c>, unit first + j of vector v, starts at its bias broadcast and adds each input times the
    /// weight, in input order (the row pass's sums).
    /// </summary>
    private static void Group(SourceWriter w, MatrixProduct product, int count, string first)
    {
        string Unit(int j) => first == "0" ? j.ToString(System.Globalization.CultureInfo.InvariantCulture) : j == 0 ? first : $"{first} + {j}";
        for (int j = 0; j < count; j++)
        {
            w.WriteLine($"{V.Float} z{j}_0 = {V.Type}.Create({Unsafe}.Add(ref bias0, {Unit(j)})), z{j}_1 = z{j}_0;");
        }

        using (w.Open($"for (int i = 0; i < {product.Inputs}; i++)"))
        {
            w.WriteLine($"{V.Float} x0i = {V.Type}.LoadUnsafe(ref x0, xBlock0 + (nuint)(i * {BlockSamples})), x1i = {V.Type}.LoadUnsafe(ref x0, xBlock1 + (nuint)(i * {BlockSamples}));");
            w.WriteLine(first == "0" ? $"nint row = (nint)i * {product.Units};" : $"nint row = (nint)i * {product.Units} + {first};");
            for (int j = 0; j < count; j++)
            {
                w.WriteLine($"{V.Float} w{j} = {V.Type}.Create({Unsafe}.Add(ref kernel0, row + {j}));");
                w.WriteLine($"z{j}_0 = {V.MultiplyAdd}(x0i, w{j}, z{j}_0);");
                w.WriteLine($"z{j}_1 = {V.MultiplyAdd}(x1i, w{j}, z{j}_1);");
            }
        }

        for (int v = 0; v < 2; v++)
        {
            for (int j = 0; j < count; j++)
            {
                string z = $"z{j}_{v}";
                string value = product.DefersActivation ? z : ActivationCode.Vector(product.Activation, product.NegativeSlope, z, V);
                string offset = first == "0"
                    ? MatrixProductForwardCode.Plus($"yBlock{v}", j * BlockSamples)
                    : $"yBlock{v} + (nuint)({(j == 0 ? first : $"({first} + {j})")} * {BlockSamples})";
                w.WriteLine($"{V.Type}.StoreUnsafe({value}, ref y0, {offset});");
            }
        }
    }

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
            w.WriteLine($"nuint end = (nuint)blocks * {BlockSamples};");
            using (w.Open("for (nuint lane = 0; lane < end; lane += 2 * (nuint)TSimd.Lanes)"))
            {
                w.WriteLine("// Two vectors of samples, each weight broadcast once for both: from lane and the next; past the last block the next is");
                w.WriteLine($"// the same again, which computes and stores its samples twice, unchanged. A vector's samples are in block lane / {BlockSamples},");
                w.WriteLine($"// its features {BlockSamples} floats apart, from sample lane % {BlockSamples} of it.");
                w.WriteLine("nuint next = global::System.Math.Min(lane + (nuint)TSimd.Lanes, end - (nuint)TSimd.Lanes);");
                w.WriteLine($"nuint xBlock0 = {Block("lane", product.Inputs)}, xBlock1 = {Block("next", product.Inputs)};");
                w.WriteLine($"nuint yBlock0 = {Block("lane", product.Units)}, yBlock1 = {Block("next", product.Units)};");
                int group = product.LanesUnitGroup;
                if (group == product.Units)
                {
                    Group(w, product, group, "0");
                }
                else
                {
                    using (w.Open($"for (int g = 0; g < {product.Units}; g += {group})"))
                    {
                        bool overlaps = product.Units % group != 0;
                        w.WriteLine(overlaps
                            ? $"// Units u to u + {group - 1}; the last group ends at the last unit, its first units already done by the group before, computed again the same."
                            : $"// Units u to u + {group - 1}.");
                        w.WriteLine(overlaps ? $"int u = global::System.Math.Min(g, {product.Units - group});" : "int u = g;");
                        Group(w, product, group, "u");
                    }
                }
            }
        }
    }
}
