using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.Network;

/// <summary>
/// <c>Forward</c>: one sample through the network in inference mode, with scratch on the stack (or, above the stack budget,
/// in a buffer per thread), so it is thread-safe and allocates nothing; and its batch overload.
/// </summary>
internal static class ForwardEmitter
{
    private const string OutputDoc = "/// <param name=\"output\">Receives <see cref=\"OutputSize\"/> outputs.</param>";

    public static void Write(SourceWriter w, NetworkPlan plan)
    {
        string buffers = Guards.ParameterList(plan, writableState: false);
        string arguments = Guards.InstanceArguments(plan);
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Runs one sample through the network with this instance's parameters. For speed the input is not checked for NaN or");
        w.WriteLine("/// infinity (data that goes through a <c>Dataset</c> is). Safe to call from many threads at once, but not while this");
        w.WriteLine("/// instance trains: serve from a <c>Snapshot()</c> instead.");
        w.WriteLine("/// </summary>");
        w.WriteLine(Docs.Input);
        w.WriteLine(OutputDoc);
        w.WriteLine($"public void Forward({ReadOnlySpan} input, {Span} output) => Forward({arguments}, input, output);");
        w.WriteLine();
        if (!plan.ForwardOnStack)
        {
            w.WriteLine($"/// <summary>Scratch of the one-sample <c>Forward</c>, one buffer per thread: its {Literals.Count(plan.ForwardScratch)} floats are above the stack budget ({Literals.Count(NetworkPlanner.ForwardStackBudget)}).</summary>");
            w.WriteLine("[global::System.ThreadStatic]");
            w.WriteLine("private static float[]? t_forwardScratch;");
            w.WriteLine();
        }

        w.WriteLine("/// <summary>");
        w.WriteLine("/// Runs one sample through the network with the given parameters, in inference mode. Thread-safe and allocation-free:");
        w.WriteLine(plan.ForwardOnStack
            ? $"/// its scratch ({Literals.Count(plan.ForwardScratch)} floats) is on the stack."
            : "/// its scratch is a buffer per thread, made on the thread's first call.");
        w.WriteLine("/// </summary>");
        Docs.Parameters(w, plan);

        w.WriteLine(Docs.Input);
        w.WriteLine(OutputDoc);
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"public static void Forward({buffers}, {ReadOnlySpan} input, {Span} output)"))
        {
            Guards.Parameters(w, plan);
            Guards.Length(w, plan, "input", "InputSize");
            Guards.Length(w, plan, "output", "OutputSize");
            w.WriteLine();
            WriteBody(w, plan);
        }

        w.WriteLine();
        WriteBatch(w, plan, buffers, arguments);
    }

    private static void WriteBody(SourceWriter w, NetworkPlan plan)
    {
        Dataflow flow = Dataflow.Inference(plan, "input", "output");

        // Every intermediate output, then the buffers layers use in inference (a convolution's patches).
        var buffers = flow.Intermediates.Select(i => (Local: flow.Output(i), Size: plan.Layers[i].Layer.Output.Size))
            .Concat(flow.Running.SelectMany(i => plan.Layers[i].InferenceScratch.Select(b => (Local: plan.Layers[i].Layer.Local + b.Name, Size: b.Floats))))
            .ToList();
        if (buffers.Count > 0)
        {
            if (!plan.ForwardOnStack)
            {
                w.WriteLine($"{Span} scratch = t_forwardScratch ??= new float[{plan.ForwardScratch}];");
            }

            int offset = 0;
            foreach (var (local, size) in buffers)
            {
                w.WriteLine(plan.ForwardOnStack
                    ? $"{Span} {local} = stackalloc float[{size}];"
                    : $"{Span} {local} = scratch.Slice({offset}, {size});");
                offset += size;
            }

            w.WriteLine();
        }

        if (plan.FusedForward)
        {
            if (flow.Running.Any(i => Emitter(plan, i).NeedsPortableInference(plan.Layers[i])))
            {
                using (w.Open($"if (!{Vector256}.IsHardwareAccelerated)"))
                {
                    w.WriteLine("// No 256-bit SIMD on this machine: each layer's mini-batch pass over this one sample (its 128-bit twin, or the portable reference).");
                    foreach (int i in flow.Running)
                    {
                        Emitter(plan, i).WritePortableInference(w, plan.Layers[i], flow.Site(i, "1"));
                    }

                    WriteOutputActivation(w, plan);
                    w.WriteLine("return;");
                }

                w.WriteLine();
            }

            w.WriteLine("// Each layer's statements written out here rather than called: no calls or span arguments between them.");
        }

        foreach (int i in flow.Running)
        {
            Emitter(plan, i).WriteInference(w, plan.Layers[i], flow.Site(i, "1"), plan.FusedForward);
        }

        WriteOutputActivation(w, plan);
    }

    private static void WriteOutputActivation(SourceWriter w, NetworkPlan plan)
    {
        if (ActivationCode.InPlace(plan.OutputActivation, plan.OutputNegativeSlope, "output") is { } activation)
        {
            w.WriteLine(activation);
        }
    }

    private static void WriteBatch(SourceWriter w, NetworkPlan plan, string buffers, string arguments)
    {
        w.WriteLine("/// <summary>Runs a batch of samples through the network with this instance's parameters.</summary>");
        WriteBatchDocs(w);
        w.WriteLine($"public void Forward({ReadOnlySpan} inputs, {Span} outputs, int batchSize) => Forward({arguments}, inputs, outputs, batchSize);");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Runs a batch of samples through the network with the given parameters, in inference mode, through the mini-batch");
        w.WriteLine("/// passes a tile of <see cref=\"BatchTile\"/> samples at a time in this thread's workspace (as <c>ComputeLoss</c>, whose");
        w.WriteLine("/// predictions are the same bits). Thread-safe, and allocation-free once the thread's workspace holds a tile.");
        w.WriteLine("/// </summary>");
        Docs.Parameters(w, plan);

        WriteBatchDocs(w);
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"public static void Forward({buffers}, {ReadOnlySpan} inputs, {Span} outputs, int batchSize)"))
        {
            w.WriteLine("if (batchSize < 0) throw new global::System.ArgumentOutOfRangeException(nameof(batchSize), batchSize, \"The batch size must not be negative.\");");
            Guards.Parameters(w, plan);
            Guards.Rows(w, plan, "inputs", "batchSize", "InputSize");
            Guards.Rows(w, plan, "outputs", "batchSize", "OutputSize");
            if (plan.InferenceInLanes)
            {
                using (w.Open($"if (batchSize >= {SampleLanes}.Count)"))
                {
                    w.WriteLine("// Samples in lanes at the widest vectors this machine runs that the layers' accumulators fit.");
                    foreach (int bits in plan.LanesWidths)
                    {
                        VectorWidth v = VectorWidth.Of(bits);
                        using (w.Open($"if ({v.Type}.IsHardwareAccelerated)"))
                        {
                            w.WriteLine($"ForwardInLanes<{v.Simd}, {v.Float}>({Guards.ParameterNames(plan)}, inputs, outputs, batchSize);");
                            w.WriteLine("return;");
                        }
                    }
                }

                w.WriteLine();
            }

            // A workspace for one inference tile: a network with batch normalisation sizes its training tiles to the whole
            // batch (TrainingTile), which inference, a tile at a time, does not need.
            w.WriteLine($"{TrainingWorkspace} workspace = ThreadWorkspace(global::System.Math.Min(batchSize, BatchTile));");
            TrainingEmitter.WriteInferenceTiles(w, plan, "batchSize", extraLocal: null, beforeLoop: null, perTile: () =>
                w.WriteLine($"{Activations}.ApplyRows({ActivationEnum}.{plan.OutputActivation}, logits.Slice(0, n * OutputSize), outputs.Slice(first * OutputSize, n * OutputSize), OutputSize, {Literals.Float(plan.OutputNegativeSlope)});"));
        }

        w.WriteLine();
        if (plan.InferenceInLanes)
        {
            WriteInLanes(w, plan, buffers);
        }
    }

    /// <summary>
    /// <c>ForwardInLanes</c>: the batch <c>Forward</c> a tile at a time with samples in lanes (<see cref="NetworkPlan.InferenceInLanes"/>), generic over the width:
    /// the tile's inputs moved into lanes, each layer's lanes pass, and the outputs moved back into rows, a classifier's
    /// softmax taken on the way. Every value is the same bits as the row passes give (<c>ComputeLoss</c>'s predictions).
    /// </summary>
    private static void WriteInLanes(SourceWriter w, NetworkPlan plan, string buffers)
    {
        Dataflow flow = Dataflow.Inference(plan, NetworkPlanner.InputLanes, "logits");
        w.WriteLine("/// <summary>");
        w.WriteLine("/// The batch <c>Forward</c> with samples in lanes, blocks of 16 with 16 floats per feature, at the width of");
        w.WriteLine("/// <typeparamref name=\"TSimd\"/>, so that layers of a few units do whole-vector work; a tile of");
        w.WriteLine($"/// {plan.LanesTile} samples at a time in this thread's workspace.");
        w.WriteLine("/// </summary>");
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"private static void ForwardInLanes{VectorWidth.GenericParameters}({buffers}, {ReadOnlySpan} inputs, {Span} outputs, int batchSize) {VectorWidth.GenericConstraints}"))
        {
            w.WriteLine($"const int tile = {plan.LanesTile};");
            w.WriteLine($"{TrainingWorkspace} workspace = {TrainingWorkspace}.ForThread(ref t_workspace, typeof({plan.Network.Identifier}), WorkspacePerCall, WorkspacePerSample, tile);");
            TrainingEmitter.WriteWorkspaceLocals(w, plan, flow.Intermediates.Select(flow.Output).Concat(new[] { NetworkPlanner.InputLanes, "logits" }).ToArray());
            w.WriteLine();
            using (w.Open("for (int first = 0; first < batchSize; first += tile)"))
            {
                w.WriteLine("int n = global::System.Math.Min(tile, batchSize - first);");
                w.WriteLine($"int blocks = {SampleLanes}.Blocks(n);");
                w.WriteLine($"{SampleLanes}.RowsToLanes(inputs.Slice(first * InputSize, n * InputSize), {NetworkPlanner.InputLanes}, n, InputSize);");
                foreach (int i in flow.Running)
                {
                    var emitter = (ILanesEmitter)LayerKinds.EmitterFor(plan.Layers[i].Layer);
                    w.WriteLine(emitter.LanesCall(plan.Layers[i], flow.Site(i, "n"), "blocks"));
                }

                string rows = "outputs.Slice(first * OutputSize, n * OutputSize)";
                if (plan.OutputActivation == Activation.Softmax)
                {
                    w.WriteLine($"{SampleLanes}.SoftmaxToRows(logits, {rows}, n, OutputSize);");
                }
                else
                {
                    w.WriteLine($"{SampleLanes}.LanesToRows(logits, {rows}, n, OutputSize);");
                    if (plan.OutputActivation != Activation.Linear)
                    {
                        w.WriteLine($"{Activations}.ApplyRows({ActivationEnum}.{plan.OutputActivation}, {rows}, {rows}, OutputSize, {Literals.Float(plan.OutputNegativeSlope)});");
                    }
                }
            }
        }

        w.WriteLine();
    }

    private static void WriteBatchDocs(SourceWriter w)
    {
        w.WriteLine("/// <param name=\"inputs\"><paramref name=\"batchSize\"/> samples of <see cref=\"InputSize\"/> features, row-major.</param>");
        w.WriteLine("/// <param name=\"outputs\">Receives <paramref name=\"batchSize\"/> rows of <see cref=\"OutputSize\"/> outputs.</param>");
        w.WriteLine("/// <param name=\"batchSize\">The number of samples.</param>");
    }

    private static ILayerEmitter Emitter(NetworkPlan plan, int layer) => LayerKinds.EmitterFor(plan.Layers[layer].Layer);
}
