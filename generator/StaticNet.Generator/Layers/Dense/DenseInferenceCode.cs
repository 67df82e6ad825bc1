using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Emit.MatrixProducts;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Layers.Dense;

/// <summary>
/// A Dense layer's one-sample inference pass, in its planned strategy: unrolled scalar code, straight-line SIMD across
/// units, or a loop over the inputs. The statements read locals <c>kernel</c>, <c>bias</c>, <c>x</c> and write <c>y</c>;
/// a hidden layer applies its activation, the output layer writes logits (its activation is <c>Forward</c>'s).
/// </summary>
internal static class DenseInferenceCode
{
    private const int Lanes = DensePlanner.Lanes;

    /// <summary>The statements of a straight-line (unrolled or SIMD) layer, for a fused <c>Forward</c>.</summary>
    public static void WriteStraightLine(SourceWriter w, LayerPlan plan)
    {
        switch (plan.Dense().Strategy)
        {
            case EmitStrategy.Unrolled:
                Unrolled(w, plan);
                break;
            case EmitStrategy.Simd:
                Simd(w, plan);
                break;
            case EmitStrategy.Loop:
                throw new System.InvalidOperationException("Loop layers are never written into a fused Forward.");
            default:
                throw new System.ArgumentOutOfRangeException(nameof(plan), plan.Dense().Strategy, "An unknown strategy.");
        }
    }

    /// <summary><c>{Prefix}Forward(kernel, bias, x, y)</c>, for a <c>Forward</c> that calls a method per layer.</summary>
    public static void WriteMethod(SourceWriter w, LayerPlan plan)
    {
        var dense = (DenseLayer)plan.Layer;
        string applies = plan.DefersActivation ? "the logits x·W + b (the output activation is Forward's)" : $"{ActivationCode.Describe(dense.Activation, dense.NegativeSlope)}(x·W + b)";
        PlacedTensor kernel = plan.Tensor("kernel"), bias = plan.Tensor("bias");
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// {dense.Name} forward for one sample, {dense.Inputs} → {dense.Units}, {Description(plan)}: writes {applies} into <paramref name=\"y\"/>.");
        w.WriteLine($"/// W is parameters[{kernel.Offset}..{kernel.End}) ({dense.Inputs} × {dense.Units}, row-major), b is parameters[{bias.Offset}..{bias.End}).");
        w.WriteLine("/// </summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {dense.Prefix}Forward({ReadOnlySpan} kernel, {ReadOnlySpan} bias, {ReadOnlySpan} x, {Span} y)"))
        {
            w.WriteLine($"if (kernel.Length != {dense.KernelSize} || bias.Length != {dense.Units} || x.Length != {dense.Inputs} || y.Length != {dense.Units}) {ShapeGuard}.ThrowLayerShape(\"{dense.Name}\");");
            bool vector = plan.Dense().Strategy == EmitStrategy.Simd || (plan.Dense().Strategy == EmitStrategy.Loop && dense.Units >= Lanes);
            if (plan.Dense().Strategy == EmitStrategy.Loop && !vector)
            {
                w.WriteLine("// Fewer units than one vector holds: the reference row loop.");
                w.WriteLine(DenseEmitter.Reference(plan, "kernel", "bias", "x", "y", "1"));
                return;
            }

            if (vector)
            {
                using (w.Open($"if (!{Vector256}.IsHardwareAccelerated)"))
                {
                    w.WriteLine(DenseEmitter.Reference(plan, "kernel", "bias", "x", "y", "1"));
                    w.WriteLine("return;");
                }
            }

            w.WriteLine();
            switch (plan.Dense().Strategy)
            {
                case EmitStrategy.Unrolled:
                    Unrolled(w, plan);
                    break;
                case EmitStrategy.Simd:
                    Simd(w, plan);
                    break;
                case EmitStrategy.Loop:
                    Loop(w, plan);
                    break;
                default:
                    throw new System.ArgumentOutOfRangeException(nameof(plan), plan.Dense().Strategy, "An unknown strategy.");
            }
        }
    }

    public static string Description(LayerPlan plan)
    {
        var dense = (DenseLayer)plan.Layer;
        return plan.Dense().Strategy switch
        {
            EmitStrategy.Unrolled => $"unrolled ({Literals.Count(dense.KernelSize)} multiply-adds)",
            EmitStrategy.Simd => $"SIMD across units ({VectorWidth.V256.Blocks(dense.Units).Count} blocks of {Lanes} × {dense.Inputs} inputs)",
            EmitStrategy.Loop when dense.Units >= Lanes => $"a loop over {dense.Inputs} inputs ({VectorWidth.V256.Blocks(dense.Units).Count} blocks of {Lanes} units each)",
            EmitStrategy.Loop => $"a row loop ({Literals.Count(dense.KernelSize)} weights)",
            _ => throw new System.ArgumentOutOfRangeException(nameof(plan), plan.Dense().Strategy, "An unknown strategy."),
        };
    }

    private static string Activate(LayerPlan plan, string z)
    {
        var dense = (DenseLayer)plan.Layer;
        return plan.DefersActivation ? z : ActivationCode.Scalar(dense.Activation, dense.NegativeSlope, z);
    }

    private static string ActivateVector(LayerPlan plan, string z)
    {
        var dense = (DenseLayer)plan.Layer;
        return plan.DefersActivation ? z : ActivationCode.Vector(dense.Activation, dense.NegativeSlope, z, VectorWidth.V256);
    }

    private static void SecondPass(SourceWriter w, LayerPlan plan)
    {
        var dense = (DenseLayer)plan.Layer;
        if (!plan.DefersActivation && ActivationCode.NeedsSecondPass(dense.Activation))
        {
            w.WriteLine(ActivationCode.InPlace(dense.Activation, dense.NegativeSlope, "y")!);
        }
    }

    private static void Unrolled(SourceWriter w, LayerPlan plan)
    {
        var dense = (DenseLayer)plan.Layer;
        w.WriteLine("float " + string.Join(", ", System.Linq.Enumerable.Range(0, dense.Inputs).Select(i => $"x{i} = x[{i}]")) + ";");

        // Two chains per unit (even and odd inputs) where there are too few units to hide the multiply-add latency.
        bool split = plan.Dense().ForwardChains == 2;
        for (int j = 0; j < dense.Units; j++)
        {
            w.WriteLine(split ? $"float z{j} = bias[{j}], z{j}Odd = x1 * kernel[{dense.Units + j}];" : $"float z{j} = bias[{j}];");

            for (int i = 0; i < dense.Inputs; i++)
            {
                if (split && i == 1)
                {
                    continue;
                }

                string z = split && i % 2 == 1 ? $"z{j}Odd" : $"z{j}";
                w.WriteLine($"{z} = {Fma}(x{i}, kernel[{i * dense.Units + j}], {z});");
            }

            if (split)
            {
                w.WriteLine($"z{j} += z{j}Odd;");
            }

            w.WriteLine($"y[{j}] = {Activate(plan, "z" + j)};");
        }
    }

    private static void Simd(SourceWriter w, LayerPlan plan)
    {
        var dense = (DenseLayer)plan.Layer;
        IReadOnlyList<int> blocks = VectorWidth.V256.Blocks(dense.Units);
        MatrixProductForwardCode.Refs(w, "kernel", "bias", "y");
        if (blocks[blocks.Count - 1] % Lanes != 0)
        {
            w.WriteLine("// The last block overlaps the one before it; the shared units are computed twice, identically.");
        }

        // One sample waits on each accumulator's chain of multiply-adds (4 cycles each): with few blocks, each block sums
        // its even and its odd inputs separately and adds the two at the end.
        bool split = plan.Dense().ForwardChains == 2;
        foreach (int start in blocks)
        {
            w.WriteLine($"{Vector256Float} {Block("z", start)} = {Vector256}.LoadUnsafe(ref bias0, {start});");
            if (split)
            {
                w.WriteLine($"{Vector256Float} {Block("z", start)}Odd = {Vector256Float}.Zero;");
            }
        }

        w.WriteLine($"{Vector256Float} xi;");
        for (int i = 0; i < dense.Inputs; i++)
        {
            w.WriteLine($"xi = {Vector256}.Create(x[{i}]);");
            foreach (int start in blocks)
            {
                string z = Block("z", start) + (split && i % 2 == 1 ? "Odd" : string.Empty);
                w.WriteLine($"{z} = {Vector256}.FusedMultiplyAdd(xi, {Vector256}.LoadUnsafe(ref kernel0, {i * dense.Units + start}), {z});");
            }
        }

        foreach (int start in blocks)
        {
            string z = Block("z", start);
            if (split)
            {
                w.WriteLine($"{z} += {z}Odd;");
            }

            w.WriteLine($"{Vector256}.StoreUnsafe({ActivateVector(plan, z)}, ref y0, {start});");
        }

        SecondPass(w, plan);
    }

    /// <summary>
    /// A loop over the inputs with a constant bound, its body one vector multiply-add per block of units; the units are
    /// cut into tiles of 8 blocks whose accumulators stay in registers. Wide layers loop over the tiles too, so the code
    /// never grows with the layer's size.
    /// </summary>
    private static void Loop(SourceWriter w, LayerPlan plan)
    {
        var dense = (DenseLayer)plan.Layer;
        IReadOnlyList<int> blocks = VectorWidth.V256.Blocks(dense.Units);
        MatrixProductForwardCode.Refs(w, "kernel", "bias", "y");
        if (dense.Units % Lanes != 0)
        {
            w.WriteLine("// The last block overlaps the one before it; the shared units are computed twice, identically.");
        }

        int perTile = MatrixProduct.BlocksPerTile;
        int looped = blocks.Count > 2 * perTile ? (blocks.Count - 1) / perTile * perTile : 0;
        if (looped > 0)
        {
            w.WriteLine();
            w.WriteLine($"// Units 0..{looped * Lanes - 1}, {perTile * Lanes} at a time.");
            using (w.Open($"for (nuint u0 = 0; u0 < {looped * Lanes}; u0 += {perTile * Lanes})"))
            {
                LoopTile(w, plan, Enumerable.Range(0, perTile).Select(b => b == 0 ? "u0" : $"u0 + {b * Lanes}").ToArray());
            }
        }

        for (int t = looped; t < blocks.Count; t += perTile)
        {
            string[] starts = blocks.Skip(t).Take(perTile).Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            w.WriteLine();
            w.WriteLine($"// Units {starts[0]}..{int.Parse(starts[starts.Length - 1], System.Globalization.CultureInfo.InvariantCulture) + Lanes - 1}: z = b + Σ_i x[i] · W[i, units]");
            using (w.OpenScope())
            {
                LoopTile(w, plan, starts);
            }
        }

        SecondPass(w, plan);
    }

    private static void LoopTile(SourceWriter w, LayerPlan plan, string[] starts)
    {
        var dense = (DenseLayer)plan.Layer;
        for (int b = 0; b < starts.Length; b++)
        {
            w.WriteLine($"{Vector256Float} z{b} = {Vector256}.LoadUnsafe(ref bias0, {starts[b]});");
        }

        using (w.Open($"for (int i = 0; i < {dense.Inputs}; i++)"))
        {
            w.WriteLine($"{Vector256Float} xi = {Vector256}.Create(x[i]);");
            w.WriteLine($"nuint row = (nuint)(i * {dense.Units});");
            for (int b = 0; b < starts.Length; b++)
            {
                w.WriteLine($"z{b} = {Vector256}.FusedMultiplyAdd(xi, {Vector256}.LoadUnsafe(ref kernel0, row + {starts[b]}), z{b});");
            }
        }

        for (int b = 0; b < starts.Length; b++)
        {
            w.WriteLine($"{Vector256}.StoreUnsafe({ActivateVector(plan, "z" + b)}, ref y0, {starts[b]});");
        }
    }

    /// <summary>The name of the block of units starting at <paramref name="start"/>, e.g. <c>z0to7</c>.</summary>
    private static string Block(string prefix, int start) => $"{prefix}{start}to{start + Lanes - 1}";
}
