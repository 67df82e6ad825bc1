using System.Collections.Generic;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// Makes the network-wide decisions for a valid network, in one place: where each parameter tensor lives, which layers
/// pass gradients on, how the shared budgets (transposed kernels, source size) are shared out, whether <c>Forward</c> is
/// written as one method, how a training step tiles its samples, and the layout of its workspace. Each layer's own
/// decisions are its kind's (<see cref="ILayerPlanner"/>): this names no kind. Pure: a function of the model, so it runs
/// inside the cached pipeline and in tests alike.
/// </summary>
internal static class NetworkPlanner
{
    /// <summary>
    /// The most forward-pass operations (vector multiply-adds of SIMD layers, scalar ones of unrolled layers) a network may
    /// have for <c>Forward</c> to be written as one method: one SIMD Dense layer at its own limit. For small networks one
    /// sample's pass is a chain of short dependent steps, and the calls and span arguments between layer methods were a
    /// quarter of it (Iris: 28 ns written out against 38 ns called, the same bits).
    /// </summary>
    public const int FusedForwardLimit = 256;

    /// <summary>
    /// Floats of per-call workspace that speeds backward passes (transposed kernels) one training step may keep, all layers
    /// together: 256 KB, so a 256 × 120 kernel after a convolution (LeNet-5's first Dense layer) sums its input gradient
    /// without a horizontal sum per input (its backward pass 8 % of the step against 11 %, with the transposition 2 %).
    /// </summary>
    public const int BackwardScratchBudget = 65_536;

    /// <summary>
    /// Floats of intermediate activations <c>Forward</c> may keep on the stack (64 KiB, far inside any thread's stack);
    /// a network needing more keeps them in a buffer per thread, allocated on its first call.
    /// </summary>
    public const int ForwardStackBudget = 16_384;

    /// <summary>Floats of per-sample workspace a tile may use (64 KiB: a tile's activations and gradients stay in L2).</summary>
    public const int TileFloats = 16_384;

    /// <summary>
    /// Characters of generated source a network may take: about 1 MB, so that no declaration makes a build slow (a
    /// 100,000-line file takes the compiler most of a minute). Past it, the layers whose specialised code is largest are
    /// written compactly (their kind's compact form) until the estimate fits.
    /// </summary>
    public const int SourceBudget = 1_000_000;

    /// <summary>
    /// The most input features for which the batch <c>Forward</c> may run with samples in lanes (<see cref="NetworkPlan.InferenceInLanes"/>):
    /// the inputs are moved into lanes once a tile, which for a few features is a few permutes a sample.
    /// </summary>
    public const int MaxLanesInputs = 16;

    /// <summary>Floats in a 64-byte cache line: the workspace's buffers start on one (<see cref="WholeLines"/>).</summary>
    public const int LineFloats = 16;

    /// <summary>
    /// The vector widths the batch <c>Forward</c> in lanes may run at, widest first. Not 128 bits: there the row softmax
    /// takes its exponentials one by one, which the lanes must match, and the lanes gave Iris nothing (SSE without FMA,
    /// Zen 4: 36.9 against 36.4 ns a sample in rows); at 256 bits 14.5–14.7 against 15.7.
    /// </summary>
    private static readonly VectorWidth[] LanesWidthsTried = [VectorWidth.V512, VectorWidth.V256];

    /// <summary><paramref name="floats"/> rounded up to whole cache lines.</summary>
    private static int WholeLines(int floats) => (floats + LineFloats - 1) / LineFloats * LineFloats;

    /// <summary>The workspace buffer of a tile's inputs in lanes, which only the batch <c>Forward</c> uses.</summary>
    public const string InputLanes = "inputLanes";

    /// <summary>Samples a 512-bit vector holds in lanes: the runtime's <c>SampleLanes.Count</c>.</summary>
    public const int SamplesInLanes = 16;

    /// <summary>
    /// The most samples a tile of the batch <c>Forward</c> in lanes holds (while its buffers fit <see cref="TileFloats"/>):
    /// every call a tile makes (the layers' passes, the moves into and out of lanes) has its checks and set-up, which at
    /// Iris's few operations a sample cost 0.5 ns a sample in tiles of 32.
    /// </summary>
    public const int MaxLanesTile = 128;

    /// <summary>The most layers a network may declare (SNET0030): the network-level methods take a few lines per layer even when every layer is compact.</summary>
    public const int MaxLayers = 100;

    /// <summary>Characters each layer adds to the network-level methods (offsets, accessors, initialisation, the steps).</summary>
    public const int NetworkCharsPerLayer = 3_000;

    public static NetworkPlan Plan(NetworkModel network)
    {
        EquatableArray<LayerModel> layers = network.Layers;
        int count = layers.Count;

        // Parameter layout: each tensor in its buffer, layer after layer.
        int trainable = 0, nonTrainable = 0;
        var tensors = new List<PlacedTensor>[count];
        for (int i = 0; i < count; i++)
        {
            tensors[i] = new List<PlacedTensor>();
            foreach (ParameterTensor tensor in layers[i].Parameters)
            {
                tensors[i].Add(new PlacedTensor(tensor, tensor.Trainable ? trainable : nonTrainable));
                if (tensor.Trainable)
                {
                    trainable += tensor.Size;
                }
                else
                {
                    nonTrainable += tensor.Size;
                }
            }
        }

        // Gradients flow back to the first layer with trainable parameters and no further.
        var needsInputGradient = new bool[count];
        bool trainableBefore = false;
        for (int i = 0; i < count; i++)
        {
            needsInputGradient[i] = trainableBefore;
            trainableBefore |= layers[i].HasTrainableParameters;
        }

        ILayerPlanner[] planners = new ILayerPlanner[count];
        for (int i = 0; i < count; i++)
        {
            planners[i] = LayerKinds.PlannerFor(layers[i]);
        }

        // Per-call scratch that speeds backward passes (transposed kernels), granted from the last layer back while the
        // budget lasts: the layers nearest the loss run their backward pass most often per unit of work.
        var granted = new bool[count];
        int budget = BackwardScratchBudget;
        for (int i = count - 1; i >= 0; i--)
        {
            int wanted = planners[i].BackwardScratchWanted(layers[i], needsInputGradient[i]);
            if (wanted > 0 && wanted <= budget)
            {
                granted[i] = true;
                budget -= wanted;
            }
        }

        // Compact layers: while the estimate passes the budget, the largest specialised layer that has a compact form (the
        // first of equals) is written compactly instead.
        var compact = new bool[count];
        var estimates = new (int Specialised, int? Compact)[count];
        long estimate = 20_000;
        for (int i = 0; i < count; i++)
        {
            estimates[i] = planners[i].EstimatedChars(layers[i], network.Strategy);
            estimate += estimates[i].Specialised + NetworkCharsPerLayer;
        }

        while (estimate > SourceBudget)
        {
            int largest = -1;
            for (int i = 0; i < count; i++)
            {
                if (estimates[i].Compact is not null && !compact[i] && (largest < 0 || estimates[i].Specialised > estimates[largest].Specialised))
                {
                    largest = i;
                }
            }

            if (largest < 0)
            {
                break;
            }

            compact[largest] = true;
            granted[largest] = false;
            estimate -= estimates[largest].Specialised - estimates[largest].Compact!.Value;
        }

        var plans = new LayerPlan[count];
        for (int i = 0; i < count; i++)
        {
            LayerModel layer = layers[i];
            // The last layer defers its trailing activation to the network; one that is nothing without it is skipped.
            bool last = i == count - 1;
            KindPlan kind = planners[i].Plan(layer, new KindPlanContext(network.Strategy, compact[i], granted[i], last, needsInputGradient[i]));
            bool vanishes = last && layer.IsIdentityWithoutActivation;
            bool identityInTraining = layer.IsIdentityInTraining || vanishes;
            var scratch = new List<ScratchBuffer>();
            if (!identityInTraining)
            {
                scratch.AddRange(layer.TrainingScratch);
                scratch.AddRange(kind.Scratch);
            }

            plans[i] = new LayerPlan(
                layer,
                new EquatableArray<PlacedTensor>(tensors[i]),
                DefersActivation: last,
                NeedsInputGradient: needsInputGradient[i],
                RunsBackward: !identityInTraining && (layer.HasTrainableParameters || needsInputGradient[i]),
                IdentityInInference: layer.IsIdentityInInference || vanishes,
                IdentityInTraining: identityInTraining,
                UsesTrainingFlag: !identityInTraining && layer.HasTrainingMode,
                UsesRandom: !identityInTraining && layer.IsStochastic,
                new EquatableArray<ScratchBuffer>(scratch),
                kind);
        }

        // The workspace: per-call buffers, then one row per sample of each per-sample buffer. The last layer a training
        // step runs writes the logits. The workspace's memory starts on a cache line (the runtime's AlignedFloats), and
        // every per-call buffer does too, as does the first per-sample one (WorkspacePerCall is whole lines); a tile's
        // per-sample buffers follow at its samples times their rows, so with tiles of 16 or more samples every buffer
        // starts on a line. Where an array lands then no longer decides which of its vectors straddle two lines.
        var slots = new List<WorkspaceSlot>();
        int perCall = 0, perSample = 0;
        void Add(string local, int floats, bool sampled)
        {
            if (!sampled)
            {
                perCall = WholeLines(perCall);
            }

            slots.Add(new WorkspaceSlot(local, floats, sampled, sampled ? perSample : perCall));
            if (sampled)
            {
                perSample += floats;
            }
            else
            {
                perCall += floats;
            }
        }

        int lastTraining = LastEffective(plans, training: true);
        for (int i = 0; i < count; i++)
        {
            LayerPlan plan = plans[i];
            if (plan.IdentityInTraining)
            {
                continue;
            }

            int size = plan.Layer.Output.Size;
            Add(i == lastTraining ? "logits" : plan.Layer.Local, size, sampled: true);
            if (plan.RunsBackward)
            {
                Add(i == lastTraining ? "logitsGradient" : plan.Layer.Local + "Gradient", size, sampled: true);
            }

            foreach (ScratchBuffer buffer in plan.Scratch)
            {
                Add(plan.Layer.Local + buffer.Name, buffer.Floats, buffer.PerSample);
            }
        }

        // InputGradient (saliency) runs the inference flow backward, one sample at a time, through the step's buffers. A layer
        // that runs there but has no backward pass in a step (a parameter-free layer before the first one with parameters)
        // gets a one-sample gradient buffer of its own, per call so that the step's tiles are unchanged.
        int lastInference = LastEffective(plans, training: false);
        for (int i = 0; i < lastInference; i++)
        {
            if (!plans[i].IdentityInInference && !plans[i].RunsBackward)
            {
                Add(plans[i].Layer.Local + "Gradient", plans[i].Layer.Output.Size, sampled: false);
            }
        }

        perCall = WholeLines(perCall);
        int tile = TileFloats / System.Math.Max(perSample, 1) / 4 * 4;
        tile = tile < 4 ? 4 : tile > 32 ? 32 : tile;

        ActivationFunction outputActivation = network.OutputLayer.TrailingActivation ?? ActivationFunction.Linear;
        bool wholeBatch = false;
        foreach (LayerModel layer in layers)
        {
            wholeBatch |= layer.UsesBatchStatistics;
        }

        // Each kind's decisions that depend on how many samples a call computes at most (none bound a whole-batch step).
        for (int i = 0; i < count; i++)
        {
            plans[i] = plans[i] with { Kind = plans[i].Kind.ForTile(wholeBatch ? int.MaxValue : tile) };
        }

        // Inference with samples in lanes: every layer the batch Forward runs can, the inputs are few, and tiles hold whole
        // vectors of samples (a whole-batch step's tiles are the batch). The inputs then need a buffer in lanes.
        bool inLanes = !wholeBatch && tile % SamplesInLanes == 0 && network.Input.Size <= MaxLanesInputs && lastInference >= 0;
        for (int i = 0; i < count; i++)
        {
            // A kind's plan claims it and its emitter writes it (fail closed: a claim without the pass runs in rows).
            inLanes &= plans[i].IdentityInInference || (plans[i].Kind.InferenceInLanes && LayerKinds.EmitterFor(layers[i]) is ILanesEmitter);
        }

        int lanesTile = 0;
        var lanesWidths = new System.Collections.Generic.List<int>();
        if (inLanes)
        {
            Add(InputLanes, network.Input.Size, sampled: true);
            lanesTile = System.Math.Max(tile, System.Math.Min(MaxLanesTile, TileFloats / perSample / SamplesInLanes * SamplesInLanes));

            // The widths, widest first, whose registers hold every layer's lanes pass (a spilled accumulator is a load and
            // a store per multiply-add): 512 bits always (MatrixProduct.MaxLanesUnits), 256 where 16 registers do.
            int vectors = 0;
            for (int i = 0; i < count; i++)
            {
                vectors = System.Math.Max(vectors, plans[i].IdentityInInference ? 0 : plans[i].Kind.LanesVectors);
            }

            foreach (VectorWidth width in LanesWidthsTried)
            {
                if (width == VectorWidth.V512 || vectors <= width.Registers)
                {
                    lanesWidths.Add(width.Bits);
                }
            }
        }

        // Forward: every layer's statements writable in place (no loops) and the whole pass small → one method.
        int operations = 0;
        bool fusable = true;
        int forwardScratch = 0;
        for (int i = 0; i < count; i++)
        {
            if (plans[i].IdentityInInference)
            {
                continue;
            }

            if (i != lastInference)
            {
                forwardScratch += layers[i].Output.Size;
            }

            foreach (ScratchBuffer buffer in plans[i].InferenceScratch)
            {
                forwardScratch += buffer.Floats;
            }

            if (plans[i].Kind.FusedForwardOperations is { } added)
            {
                operations += added;
            }
            else
            {
                fusable = false;
            }
        }

        return new NetworkPlan(
            network,
            new EquatableArray<LayerPlan>(plans),
            trainable,
            nonTrainable,
            outputActivation.Function,
            outputActivation.NegativeSlope,
            network.Loss == Loss.SparseCategoricalCrossEntropy ? 1 : network.OutputLayer.Output.Size,
            tile,
            wholeBatch,
            fusable && operations <= FusedForwardLimit,
            forwardScratch,
            forwardScratch <= ForwardStackBudget,
            lanesTile,
            new EquatableArray<int>(lanesWidths.ToArray()),
            perCall,
            perSample,
            new EquatableArray<WorkspaceSlot>(slots),
            StreamingPlan.For(network));
    }

    /// <summary>The last layer that code of the given mode runs (the one that writes the logits).</summary>
    public static int LastEffective(IReadOnlyList<LayerPlan> plans, bool training)
    {
        for (int i = plans.Count - 1; i >= 0; i--)
        {
            if (!(training ? plans[i].IdentityInTraining : plans[i].IdentityInInference))
            {
                return i;
            }
        }

        return -1;
    }
}
