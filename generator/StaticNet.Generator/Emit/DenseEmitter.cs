using StaticNet.Generator.Model;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes one Dense layer's forward and backward methods, in the layer's <see cref="EmitStrategy"/>. Each method starts with
/// one length check, after which the JIT knows every span's length and drops the bounds checks on constant indices.
/// </summary>
internal static class DenseEmitter
{
    /// <summary>
    /// <c>{Prefix}Forward(kernel, bias, x, y)</c>: <c>y = activation(x·W + b)</c>; for the output layer, only the logits
    /// <c>x·W + b</c>, since the output activation is applied by <c>Forward</c> or fused into the loss.
    /// </summary>
    public static void EmitForward(SourceWriter w, LayerSpec layer, bool isOutput)
    {
        string applies = isOutput ? "the logits x·W + b (the output activation is applied by the caller, or fused with the loss)" : $"{ActivationCode.Describe(layer)}(x·W + b)";
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// {layer.Name} forward, {layer.Inputs} → {layer.Units}, {Strategy(layer)}: writes {applies} into <paramref name=\"y\"/>.");
        w.WriteLine($"/// W is parameters[{layer.KernelOffset}..{layer.BiasOffset}) ({layer.Inputs} × {layer.Units}, row-major), b is parameters[{layer.BiasOffset}..{layer.BiasOffset + layer.Units}).");
        w.WriteLine("/// </summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {layer.MethodPrefix}Forward({ReadOnlySpan} kernel, {ReadOnlySpan} bias, {ReadOnlySpan} x, {Span} y)"))
        {
            w.WriteLine($"if (kernel.Length != {layer.KernelSize} || bias.Length != {layer.Units} || x.Length != {layer.Inputs} || y.Length != {layer.Units}) {ShapeGuard}.ThrowLayerShape(\"{layer.Name}\");");
            w.WriteLine();
            switch (layer.Strategy)
            {
                case EmitStrategy.Unrolled:
                    UnrolledForward(w, layer, isOutput);
                    break;
                case EmitStrategy.Simd:
                    SimdDenseEmitter.Forward(w, layer, isOutput, () => LoopForward(w, layer, isOutput));
                    break;
                case EmitStrategy.Loop when SimdLoopDenseEmitter.Applies(layer):
                    SimdLoopDenseEmitter.Forward(w, layer, isOutput, () => LoopForward(w, layer, isOutput));
                    break;
                default:
                    LoopForward(w, layer, isOutput);
                    break;
            }
        }
    }

    /// <summary>
    /// Writes a straight-line (<see cref="EmitStrategy.Simd"/> or <see cref="EmitStrategy.Unrolled"/>) layer's forward
    /// statements for a fused <c>Forward</c>, in a scope that has declared <c>kernel</c>, <c>bias</c>, <c>x</c> and <c>y</c>:
    /// the same statements as the layer's own method, without its length check and portable path.
    /// </summary>
    public static void WriteStraightLineForward(SourceWriter w, LayerSpec layer, bool isOutput)
    {
        if (layer.Strategy == EmitStrategy.Simd)
        {
            SimdDenseEmitter.Forward(w, layer, isOutput, portable: null);
        }
        else
        {
            UnrolledForward(w, layer, isOutput);
        }
    }

    /// <summary>
    /// <c>{Prefix}Backward</c>: from dL/dz of this layer, adds dL/dW and dL/db into the gradient and, unless this is the first
    /// layer, writes dL/dz of the previous layer (through the previous layer's activation, written in terms of its output x).
    /// </summary>
    public static void EmitBackward(SourceWriter w, LayerSpec layer, LayerSpec? previous)
    {
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// {layer.Name} backward, {layer.Inputs} → {layer.Units}, {Strategy(layer)}: given dL/dz for this layer's pre-activation z, adds");
        w.WriteLine("/// dL/dW = xᵀ·dL/dz into <paramref name=\"kernelGradient\"/> and dL/db = dL/dz into <paramref name=\"biasGradient\"/>"
            + (previous is null ? "." : ","));
        if (previous is not null)
        {
            w.WriteLine($"/// and writes dL/dz of {previous.Name} = (W·dL/dz) ⊙ {ActivationCode.Describe(previous)}′ (through its output x) into <paramref name=\"previousGradient\"/>.");
        }

        w.WriteLine("/// </summary>");
        string tail = previous is null ? string.Empty : $", {Span} previousGradient";
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void {layer.MethodPrefix}Backward({ReadOnlySpan} kernel, {ReadOnlySpan} x, {ReadOnlySpan} gradient, {Span} kernelGradient, {Span} biasGradient{tail})"))
        {
            string check = previous is null ? string.Empty : $" || previousGradient.Length != {layer.Inputs}";
            w.WriteLine($"if (kernel.Length != {layer.KernelSize} || x.Length != {layer.Inputs} || gradient.Length != {layer.Units} || kernelGradient.Length != {layer.KernelSize} || biasGradient.Length != {layer.Units}{check}) {ShapeGuard}.ThrowLayerShape(\"{layer.Name}\");");
            w.WriteLine();
            switch (layer.Strategy)
            {
                case EmitStrategy.Unrolled:
                    UnrolledBackward(w, layer, previous);
                    break;
                case EmitStrategy.Simd:
                    SimdDenseEmitter.Backward(w, layer, previous, () => LoopBackward(w, layer, previous));
                    break;
                case EmitStrategy.Loop when SimdLoopDenseEmitter.Applies(layer):
                    SimdLoopDenseEmitter.Backward(w, layer, previous, () => LoopBackward(w, layer, previous));
                    break;
                default:
                    LoopBackward(w, layer, previous);
                    break;
            }
        }
    }

    private static string Strategy(LayerSpec layer) => layer.Strategy switch
    {
        EmitStrategy.Unrolled => $"unrolled ({Literals.Count(layer.KernelSize)} multiply-adds)",
        EmitStrategy.Simd => $"SIMD across units ({SimdDenseEmitter.Blocks(layer.Units).Count} blocks of {SimdDenseEmitter.Lanes} × {layer.Inputs} inputs)",
        _ when SimdLoopDenseEmitter.Applies(layer) => $"SIMD loop over {layer.Inputs} inputs ({SimdDenseEmitter.Blocks(layer.Units).Count} blocks of {SimdDenseEmitter.Lanes} units per input)",
        _ => $"row loop ({Literals.Count(layer.KernelSize)} weights, vectorised rows)",
    };

    /// <summary>How the strategy reads in the file header.</summary>
    public static string StrategyName(EmitStrategy strategy) => strategy switch
    {
        EmitStrategy.Unrolled => "unrolled",
        EmitStrategy.Simd => "SIMD across units",
        _ => "row loop",
    };

    private static void UnrolledForward(SourceWriter w, LayerSpec layer, bool isOutput)
    {
        for (int i = 0; i < layer.Inputs; i++)
        {
            w.WriteLine($"float x{i} = x[{i}];");
        }

        // With fewer than 4 units there are too few independent chains to hide the multiply-add latency (4 cycles), so
        // each unit sums its even and its odd inputs in two chains and adds them at the end.
        bool split = layer.Units < 4 && layer.Inputs >= 6;
        for (int j = 0; j < layer.Units; j++)
        {
            w.WriteLine();
            w.WriteLine($"float z{j} = bias[{j}];");
            if (split)
            {
                w.WriteLine($"float z{j}Odd = x1 * kernel[{layer.Units + j}];");
            }

            for (int i = 0; i < layer.Inputs; i++)
            {
                if (split && i == 1)
                {
                    continue;
                }

                string z = split && i % 2 == 1 ? $"z{j}Odd" : $"z{j}";
                w.WriteLine($"{z} = {Fma}(x{i}, kernel[{i * layer.Units + j}], {z});");
            }

            if (split)
            {
                w.WriteLine($"z{j} += z{j}Odd;");
            }

            w.WriteLine($"y[{j}] = {(isOutput ? "z" + j : ActivationCode.Scalar(layer, "z" + j))};");
        }
    }

    private static void UnrolledBackward(SourceWriter w, LayerSpec layer, LayerSpec? previous)
    {
        for (int j = 0; j < layer.Units; j++)
        {
            w.WriteLine($"float d{j} = gradient[{j}];");
        }

        w.WriteLine();
        w.WriteLine("// dL/db = dL/dz");
        for (int j = 0; j < layer.Units; j++)
        {
            w.WriteLine($"biasGradient[{j}] += d{j};");
        }

        w.WriteLine();
        w.WriteLine("// dL/dW[i, j] += x[i] · dL/dz[j]");
        for (int i = 0; i < layer.Inputs; i++)
        {
            w.WriteLine($"float x{i} = x[{i}];");
            for (int j = 0; j < layer.Units; j++)
            {
                int k = i * layer.Units + j;
                w.WriteLine($"kernelGradient[{k}] = {Fma}(x{i}, d{j}, kernelGradient[{k}]);");
            }
        }

        if (previous is null)
        {
            return;
        }

        w.WriteLine();
        UnrolledInputGradient(w, layer, previous, j => "d" + j, i => "x" + i);
    }

    /// <summary>
    /// dL/dz of the previous layer as scalar fused multiply-add chains (one per input), then through the previous
    /// activation; <paramref name="d"/> and <paramref name="x"/> name the scalars holding dL/dz[j] and x[i].
    /// </summary>
    internal static void UnrolledInputGradient(SourceWriter w, LayerSpec layer, LayerSpec previous, System.Func<int, string> d, System.Func<int, string> x)
    {
        w.WriteLine($"// dL/dz of {previous.Name}: Σ_j W[i, j] · dL/dz[j], through {ActivationCode.Describe(previous)}′");
        for (int i = 0; i < layer.Inputs; i++)
        {
            int row = i * layer.Units;
            w.WriteLine($"float g{i} = kernel[{row}] * {d(0)};");
            for (int j = 1; j < layer.Units; j++)
            {
                w.WriteLine($"g{i} = {Fma}(kernel[{row + j}], {d(j)}, g{i});");
            }

            w.WriteLine($"previousGradient[{i}] = {ActivationCode.ScalarDerivative(previous, "g" + i, x(i))};");
        }
    }

    private static void LoopForward(SourceWriter w, LayerSpec layer, bool isOutput)
    {
        w.WriteLine("// z = b + Σ_i x[i] · W[i, :], one vectorised fused multiply-add per kernel row");
        w.WriteLine("bias.CopyTo(y);");
        using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
        {
            w.WriteLine($"{TensorPrimitives}.FusedMultiplyAdd(kernel.Slice(i * {layer.Units}, {layer.Units}), x[i], y, y);");
        }

        if (!isOutput && ActivationCode.InPlace(layer, "y") is { } activation)
        {
            w.WriteLine();
            w.WriteLine(activation);
        }
    }

    private static void LoopBackward(SourceWriter w, LayerSpec layer, LayerSpec? previous)
    {
        w.WriteLine("// dL/db = dL/dz");
        w.WriteLine($"{TensorPrimitives}.Add(biasGradient, gradient, biasGradient);");
        w.WriteLine();
        w.WriteLine("// dL/dW[i, :] += x[i] · dL/dz");
        using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
        {
            w.WriteLine($"{Span} row = kernelGradient.Slice(i * {layer.Units}, {layer.Units});");
            w.WriteLine($"{TensorPrimitives}.FusedMultiplyAdd(gradient, x[i], row, row);");
        }

        if (previous is null)
        {
            return;
        }

        w.WriteLine();
        w.WriteLine($"// dL/dz of {previous.Name}: W[i, :] · dL/dz, through {ActivationCode.Describe(previous)}′");
        using (w.Open($"for (int i = 0; i < {layer.Inputs}; i++)"))
        {
            w.WriteLine($"previousGradient[i] = {TensorPrimitives}.Dot(kernel.Slice(i * {layer.Units}, {layer.Units}), gradient);");
        }

        if (ActivationCode.BackwardInPlace(previous, "x", "previousGradient") is { } backward)
        {
            w.WriteLine();
            w.WriteLine(backward);
        }
    }
}
