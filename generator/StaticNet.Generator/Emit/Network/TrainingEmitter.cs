using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit.Network;

/// <summary>
/// The training step and the loss: one mini-batch step (<c>TrainBatch</c>; <c>TrainStep</c> is it with one sample) and
/// one inference-mode loss (<c>ComputeLoss</c>), both over tiles of samples in a <c>TrainingWorkspace</c>, so neither
/// depends on the thread's stack. Each layer's passes are its emitter's; this writes the buffers, the tile loop, the loss
/// and the regularisation penalties.
/// </summary>
internal static class TrainingEmitter
{
    private const string GradientDoc = "/// <param name=\"gradient\"><see cref=\"ParameterCount\"/> floats, laid out as <see cref=\"Parameters\"/>; the gradient is added in.</param>";
    private const string WorkspaceDoc = "/// <param name=\"workspace\">Scratch, random stream and training flag, from <see cref=\"CreateWorkspace\"/>.</param>";

    public static void Write(SourceWriter w, NetworkPlan plan)
    {
        WriteWorkspace(w, plan);
        WriteTrainStep(w, plan);
        WriteTrainBatch(w, plan);
        WriteComputeLoss(w, plan);
    }

    private static void WriteWorkspace(SourceWriter w, NetworkPlan plan)
    {
        string name = plan.Network.Identifier;
        w.WriteLine(plan.WholeBatch
            ? "/// <summary>Samples per tile of <c>ComputeLoss</c>. A training step takes its whole batch as one tile: batch statistics need every sample.</summary>"
            : "/// <summary>Samples per tile of a training step or <c>ComputeLoss</c>: larger batches are processed a tile at a time, so that a tile's activations and gradients stay in cache.</summary>");
        w.WriteLine($"public const int BatchTile = {plan.BatchTile};");
        w.WriteLine();
        w.WriteLine("/// <summary>Workspace floats a step needs once per call (transposed kernels, per-feature statistics).</summary>");
        w.WriteLine($"private const int WorkspacePerCall = {plan.WorkspacePerCall};");
        w.WriteLine();
        w.WriteLine("/// <summary>Workspace floats a step needs per sample of a tile (activations, their gradients, masks).</summary>");
        w.WriteLine($"private const int WorkspacePerSample = {plan.WorkspacePerSample};");
        w.WriteLine();
        w.WriteLine("/// <summary>The workspace of the overloads that take none: one per thread, grown when a call needs more samples.</summary>");
        w.WriteLine("[global::System.ThreadStatic]");
        w.WriteLine($"private static {TrainingWorkspace}? t_workspace;");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// A workspace for training steps of up to <paramref name=\"batchSize\"/> samples: create one and reuse it for every step,");
        w.WriteLine("/// and a step allocates nothing. Its random stream (dropout) starts from <paramref name=\"seed\"/>.");
        w.WriteLine("/// </summary>");
        using (w.Open($"public {TrainingWorkspace} CreateWorkspace(int batchSize, long seed = 0)"))
        {
            w.WriteLine("global::System.ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);");
            w.WriteLine($"return new(typeof({name}), WorkspacePerCall, WorkspacePerSample, TrainingTile(batchSize), seed);");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>Samples in a training step's tile for a call of <paramref name=\"count\"/> samples.</summary>");
        w.WriteLine($"private static int TrainingTile(int count) => {(plan.WholeBatch ? "count" : "global::System.Math.Min(count, BatchTile)")};");
        w.WriteLine();
        w.WriteLine($"private static {TrainingWorkspace} ThreadWorkspace(int count) =>");
        w.WriteLine($"    {TrainingWorkspace}.ForThread(ref t_workspace, typeof({name}), WorkspacePerCall, WorkspacePerSample, global::System.Math.Max(TrainingTile(count), 1));");
        w.WriteLine();
    }

    private static void WriteTrainStep(SourceWriter w, NetworkPlan plan)
    {
        string targetDoc = plan.Network.Loss == Loss.SparseCategoricalCrossEntropy ? "the class index, as one float" : "<see cref=\"OutputSize\"/> floats";
        w.WriteLine("/// <summary>");
        w.WriteLine("/// One training step for one sample with this instance's parameters: the mini-batch step with a count of 1. Adds the");
        w.WriteLine("/// gradient into <paramref name=\"gradient\"/> (so a batch sums its samples' gradients) and returns the loss.");
        w.WriteLine("/// </summary>");
        w.WriteLine(Docs.Input);
        w.WriteLine($"/// <param name=\"target\">The target: {targetDoc}.</param>");
        w.WriteLine(GradientDoc);
        using (w.Open($"public float TrainStep({ReadOnlySpan} input, {ReadOnlySpan} target, {Span} gradient)"))
        {
            w.WriteLine($"{Span} prediction = stackalloc float[OutputSize];");
            w.WriteLine("return TrainBatch(input, target, 1, gradient, prediction);");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>As <see cref=\"TrainStep(global::System.ReadOnlySpan{float}, global::System.ReadOnlySpan{float}, global::System.Span{float})\"/>, and writes the output into <paramref name=\"prediction\"/>.</summary>");
        w.WriteLine(Docs.Input);
        w.WriteLine($"/// <param name=\"target\">The target: {targetDoc}.</param>");
        w.WriteLine(GradientDoc);
        w.WriteLine("/// <param name=\"prediction\">Receives the <see cref=\"OutputSize\"/> outputs.</param>");
        w.WriteLine($"public float TrainStep({ReadOnlySpan} input, {ReadOnlySpan} target, {Span} gradient, {Span} prediction) =>");
        w.WriteLine("    TrainBatch(input, target, 1, gradient, prediction);");
        w.WriteLine();
    }

    private static void WriteBatchDocs(SourceWriter w, bool gradient)
    {
        w.WriteLine("/// <param name=\"inputs\"><paramref name=\"count\"/> samples of <see cref=\"InputSize\"/> features, row-major.</param>");
        w.WriteLine("/// <param name=\"targets\"><paramref name=\"count\"/> targets of <see cref=\"TargetSize\"/> floats, row-major.</param>");
        w.WriteLine("/// <param name=\"count\">The number of samples.</param>");
        if (gradient)
        {
            w.WriteLine(GradientDoc);
        }

        w.WriteLine("/// <param name=\"predictions\">Receives <paramref name=\"count\"/> rows of <see cref=\"OutputSize\"/> outputs.</param>");
    }

    private static void WriteTrainBatch(SourceWriter w, NetworkPlan plan)
    {
        string arguments = Guards.InstanceArguments(plan);
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Forward, loss and backward for <paramref name=\"count\"/> samples with this instance's parameters, in this thread's");
        w.WriteLine("/// workspace: adds the sum of their gradients into <paramref name=\"gradient\"/>, writes their outputs into");
        w.WriteLine("/// <paramref name=\"predictions\"/>, returns the summed loss.");
        w.WriteLine("/// </summary>");
        WriteBatchDocs(w, gradient: true);
        w.WriteLine($"public float TrainBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} gradient, {Span} predictions) =>");
        w.WriteLine($"    TrainBatch({arguments}, inputs, targets, count, gradient, predictions, ThreadWorkspace(count));");
        w.WriteLine();
        w.WriteLine("/// <summary>As the overload without a workspace, in <paramref name=\"workspace\"/>.</summary>");
        WriteBatchDocs(w, gradient: true);
        w.WriteLine(WorkspaceDoc);
        w.WriteLine($"public float TrainBatch({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} gradient, {Span} predictions, {TrainingWorkspace} workspace) =>");
        w.WriteLine($"    TrainBatch({arguments}, inputs, targets, count, gradient, predictions, workspace);");
        w.WriteLine();

        string order = plan.WholeBatch ? "the whole batch as one tile (batch statistics need every sample)" : "a tile of up to <see cref=\"BatchTile\"/> samples at a time";
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// A mini-batch training step with the given parameters, {order}: every layer's forward pass,");
        w.WriteLine($"/// the loss ({plan.Network.Loss}{(plan.Network.Loss is Loss.BinaryCrossEntropy or Loss.CategoricalCrossEntropy or Loss.SparseCategoricalCrossEntropy ? ", fused with the output activation" : string.Empty)}), every layer's backward pass. Adds the sum of the samples' gradients into");
        w.WriteLine("/// <paramref name=\"gradient\"/>, writes their outputs into <paramref name=\"predictions\"/>, returns the summed loss"
            + (plan.Layers.Any(l => l.Tensors.Any(t => t.Tensor.IsRegularized)) ? " (with the" : "."));
        if (plan.Layers.Any(l => l.Tensors.Any(t => t.Tensor.IsRegularized)))
        {
            w.WriteLine("/// regularisation penalty once per sample, so that the mean is Keras's loss).");
        }

        if (plan.HasNonTrainable)
        {
            w.WriteLine("/// In training mode it also updates <paramref name=\"nonTrainableParameters\"/> (moving statistics).");
        }

        w.WriteLine("/// Allocates nothing; one thread per workspace.");
        w.WriteLine("/// </summary>");
        Docs.Parameters(w, plan);

        WriteBatchDocs(w, gradient: true);
        w.WriteLine(WorkspaceDoc);
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"public static float TrainBatch({Guards.ParameterList(plan, writableState: true)}, {ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} gradient, {Span} predictions, {TrainingWorkspace} workspace)"))
        {
            WriteChecks(w, plan, gradient: true);
            w.WriteLine($"{ReadOnlySpan} sampleWeights = workspace.SampleWeightsFor(count);");
            Dataflow flow = Dataflow.Step(plan);
            w.WriteLine(plan.WholeBatch ? "int tile = count;" : "int tile = global::System.Math.Min(TrainingTile(count), workspace.Samples);");
            WriteWorkspaceLocals(w, plan, plan.Workspace.Select(s => s.Local).Where(local => local != NetworkPlanner.InputLanes).ToArray());
            if (plan.UsesTrainingFlag)
            {
                w.WriteLine("bool training = workspace.Training;");
            }

            if (plan.UsesRandom)
            {
                w.WriteLine($"{SeededRandom} random = workspace.Random;");
            }

            foreach (int i in flow.Running)
            {
                LayerKinds.EmitterFor(plan.Layers[i].Layer).WritePrologue(w, plan.Layers[i], flow.Site(i, "n"));
            }

            w.WriteLine();
            w.WriteLine("float loss = 0f;");
            using (w.Open("for (int first = 0; first < count; first += tile)"))
            {
                w.WriteLine("int n = global::System.Math.Min(tile, count - first);");
                w.WriteLine($"{ReadOnlySpan} x = inputs.Slice(first * InputSize, n * InputSize);");
                w.WriteLine("// Forward, the loss and its gradient with respect to the logits, backward");
                foreach (int i in flow.Running)
                {
                    LayerKinds.EmitterFor(plan.Layers[i].Layer).WriteTrainingForward(w, plan.Layers[i], flow.Site(i, "n"));
                }

                WriteLoss(w, plan, weighted: true);
                foreach (int i in flow.Running.Reverse())
                {
                    if (plan.Layers[i].RunsBackward)
                    {
                        LayerKinds.EmitterFor(plan.Layers[i].Layer).WriteBackward(w, plan.Layers[i], flow.Site(i, "n", backward: true));
                    }
                }
            }

            WriteRegularization(w, plan, withGradient: true);
            w.WriteLine("return loss;");
        }

        w.WriteLine();
    }

    private static void WriteComputeLoss(SourceWriter w, NetworkPlan plan)
    {
        string arguments = Guards.InstanceArguments(plan);
        w.WriteLine("/// <summary>The loss of one sample in inference mode, with this instance's parameters; writes the output into <paramref name=\"prediction\"/>.</summary>");
        w.WriteLine(Docs.Input);
        w.WriteLine("/// <param name=\"target\">The target: <see cref=\"TargetSize\"/> floats.</param>");
        w.WriteLine("/// <param name=\"prediction\">Receives the <see cref=\"OutputSize\"/> outputs.</param>");
        w.WriteLine($"public float ComputeLoss({ReadOnlySpan} input, {ReadOnlySpan} target, {Span} prediction) =>");
        w.WriteLine($"    ComputeLoss({arguments}, input, target, 1, prediction, ThreadWorkspace(1));");
        w.WriteLine();
        w.WriteLine("/// <summary>The summed inference-mode loss of <paramref name=\"count\"/> samples with this instance's parameters.</summary>");
        WriteBatchDocs(w, gradient: false);
        w.WriteLine(WorkspaceDoc);
        w.WriteLine($"public float ComputeLoss({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} predictions, {TrainingWorkspace} workspace) =>");
        w.WriteLine($"    ComputeLoss({arguments}, inputs, targets, count, predictions, workspace);");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// The summed loss of <paramref name=\"count\"/> samples in inference mode (what <c>Evaluate</c> reports, divided by the count),");
        w.WriteLine("/// a tile at a time in <paramref name=\"workspace\"/>; writes their outputs into <paramref name=\"predictions\"/>.");
        w.WriteLine("/// </summary>");
        Docs.Parameters(w, plan);

        WriteBatchDocs(w, gradient: false);
        w.WriteLine(WorkspaceDoc);
        w.WriteLine(AggressiveOptimization);
        using (w.Open($"public static float ComputeLoss({Guards.ParameterList(plan, writableState: false)}, {ReadOnlySpan} inputs, {ReadOnlySpan} targets, int count, {Span} predictions, {TrainingWorkspace} workspace)"))
        {
            WriteChecks(w, plan, gradient: false);
            WriteInferenceTiles(w, plan, "count", "logitsGradient", beforeLoop: "float loss = 0f;", perTile: () => WriteLoss(w, plan, weighted: false));
            WriteRegularization(w, plan, withGradient: false);
            w.WriteLine("return loss;");
        }

        w.WriteLine();
    }

    /// <summary>
    /// The inference-mode mini-batch passes over <c>inputs</c>, a tile of up to <c>BatchTile</c> samples at a time in
    /// <c>workspace</c>, each tile's output in <c>logits</c>: the body that <c>ComputeLoss</c> and the batch <c>Forward</c>
    /// share. <paramref name="count"/> names the sample count, <paramref name="extraLocal"/> a workspace buffer besides the
    /// layers' (or null), <paramref name="beforeLoop"/> a line before the loop (or null), and <paramref name="perTile"/>
    /// writes what each tile does with its logits.
    /// </summary>
    internal static void WriteInferenceTiles(SourceWriter w, NetworkPlan plan, string count, string? extraLocal, string? beforeLoop, System.Action perTile)
    {
        Dataflow flow = Dataflow.Inference(plan, "x", "logits");
        w.WriteLine($"int tile = global::System.Math.Min(global::System.Math.Min({count}, BatchTile), workspace.Samples);");
        string[] buffers = new[] { "logits" }.Concat(extraLocal is null ? System.Array.Empty<string>() : new[] { extraLocal }).ToArray();
        WriteWorkspaceLocals(w, plan, flow.Intermediates.Select(flow.Output).Concat(InferenceScratch(plan, flow)).Concat(buffers).ToArray());
        w.WriteLine();
        if (beforeLoop is not null)
        {
            w.WriteLine(beforeLoop);
        }

        using (w.Open($"for (int first = 0; first < {count}; first += tile)"))
        {
            w.WriteLine($"int n = global::System.Math.Min(tile, {count} - first);");
            w.WriteLine($"{ReadOnlySpan} x = inputs.Slice(first * InputSize, n * InputSize);");
            foreach (int i in flow.Running)
            {
                LayerKinds.EmitterFor(plan.Layers[i].Layer).WriteInferenceBatch(w, plan.Layers[i], flow.Site(i, "n"));
            }

            perTile();
        }
    }

    private static void WriteChecks(SourceWriter w, NetworkPlan plan, bool gradient)
    {
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(workspace);");
        Guards.Count(w, "count");
        Guards.Parameters(w, plan);
        if (gradient)
        {
            Guards.Length(w, plan, "gradient", "ParameterCount");
        }

        Guards.Rows(w, plan, "inputs", "count", "InputSize");
        Guards.Rows(w, plan, "targets", "count", "TargetSize");
        Guards.Rows(w, plan, "predictions", "count", "OutputSize");
    }

    /// <summary>The locals of the workspace buffers that the inference-mode mini-batch passes of <paramref name="flow"/>'s layers use (<see cref="ScratchBuffer.InInference"/>).</summary>
    internal static IEnumerable<string> InferenceScratch(NetworkPlan plan, Dataflow flow) =>
        flow.Running.SelectMany(i => plan.Layers[i].InferenceScratch.Select(b => plan.Layers[i].Layer.Local + b.Name));

    /// <summary>
    /// Slices the workspace into the buffers named in <paramref name="locals"/>: per-call ones at their offsets, per-sample
    /// ones a row per sample of a tile of <c>tile</c> samples.
    /// </summary>
    internal static void WriteWorkspaceLocals(SourceWriter w, NetworkPlan plan, string[] locals)
    {
        w.WriteLine($"{Span} scratch = workspace.For(typeof({plan.Network.Identifier}), tile);");
        foreach (WorkspaceSlot slot in plan.Workspace.OrderBy(s => s.PerSample))
        {
            if (locals.Contains(slot.Local))
            {
                w.WriteLine(slot.PerSample
                    ? $"{Span} {slot.Local} = scratch.Slice(WorkspacePerCall + tile * {slot.Offset}, tile * {slot.Floats});"
                    : $"{Span} {slot.Local} = scratch.Slice({slot.Offset}, {slot.Floats});");
            }
        }
    }

    /// <summary>The tile's loss and dL/d(logits): the softmax losses over the whole tile (one vector pass of exponentials), the others per sample.</summary>
    /// <remarks>With <paramref name="weighted"/> (training), each sample's loss and gradient are multiplied by its weight from <c>sampleWeights</c>, when there are any.</remarks>
    private static void WriteLoss(SourceWriter w, NetworkPlan plan, bool weighted)
    {
        string? batchLoss = plan.Network.Loss switch
        {
            Loss.SparseCategoricalCrossEntropy => "SparseSoftmaxCrossEntropyBatch",
            Loss.CategoricalCrossEntropy => "SoftmaxCrossEntropyBatch",
            Loss.BinaryCrossEntropy or Loss.MeanSquaredError or Loss.MeanAbsoluteError or Loss.Huber or Loss.LogCosh => null,
            _ => throw new System.ArgumentOutOfRangeException(nameof(plan), plan.Network.Loss, "An unvalidated loss."),
        };
        if (batchLoss is not null)
        {
            string weights = weighted ? ", sampleWeights.IsEmpty ? default : sampleWeights.Slice(first, n)" : string.Empty;
            w.WriteLine($"loss += {LossFunctions}.{batchLoss}(logits.Slice(0, n * OutputSize), targets.Slice(first * TargetSize, n * TargetSize), n, predictions.Slice(first * OutputSize, n * OutputSize), logitsGradient.Slice(0, n * OutputSize){weights});");
            return;
        }

        string weight = weighted ? ", sampleWeights.IsEmpty ? 1f : sampleWeights[first + s]" : string.Empty;
        string activation = $"{ActivationEnum}.{plan.OutputActivation}, {Literals.Float(plan.OutputNegativeSlope)}, row, target, prediction, rowGradient{weight}";
        string call = plan.Network.Loss switch
        {
            Loss.BinaryCrossEntropy => $"{LossFunctions}.SigmoidBinaryCrossEntropy(row, target, prediction, rowGradient{weight})",
            Loss.Huber => $"{LossFunctions}.Huber({Literals.Float(plan.Network.HuberDelta)}, {activation})",
            _ => $"{LossFunctions}.{plan.Network.Loss}({activation})", // MeanSquaredError, MeanAbsoluteError, LogCosh
        };
        using (w.Open("for (int s = 0; s < n; s++)"))
        {
            w.WriteLine($"{ReadOnlySpan} row = logits.Slice(s * OutputSize, OutputSize);");
            w.WriteLine($"{ReadOnlySpan} target = targets.Slice((first + s) * TargetSize, TargetSize);");
            w.WriteLine($"{Span} prediction = predictions.Slice((first + s) * OutputSize, OutputSize);");
            w.WriteLine($"{Span} rowGradient = logitsGradient.Slice(s * OutputSize, OutputSize);");
            w.WriteLine($"loss += {call};");
        }
    }

    /// <summary>Keras's kernel regularisers: the penalty once per sample (the loss is a sum over samples), and its gradient likewise.</summary>
    private static void WriteRegularization(SourceWriter w, NetworkPlan plan, bool withGradient)
    {
        foreach (LayerPlan layer in plan.Layers)
        {
            foreach (PlacedTensor tensor in layer.Tensors.Where(t => t.Tensor.IsRegularized))
            {
                var site = new LayerSite(string.Empty, string.Empty, "count") { Layer = layer.Layer };
                string factors = $"l1: {Literals.Float(tensor.Tensor.L1)}, l2: {Literals.Float(tensor.Tensor.L2)}";
                w.WriteLine(withGradient
                    ? $"loss += count * {Regularization}.Apply({site.Values(tensor)}, {site.GradientOf(tensor)}, {factors}, scale: count);"
                    : $"loss += count * {Regularization}.Penalty({site.Values(tensor)}, {factors});");
            }
        }
    }
}
