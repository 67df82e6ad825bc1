using System.Collections.Generic;
using StaticNet.Generator.Layers.Dense;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// Makes every code-path decision for a valid network, in one place: where each parameter tensor lives, which layers
/// pass gradients on, how each Dense layer's one-sample pass is written, which mini-batch passes get 512-bit and 128-bit twins or read
/// a transposed kernel, whether <c>Forward</c> is written as one method, how a training step tiles its samples, and the
/// layout of its workspace. Pure: a function of the model, so it runs inside the cached pipeline and in tests alike.
/// </summary>
internal static class NetworkPlanner
{
    /// <summary>
    /// Layers with at most this many weights may be written as straight-line scalar code. Measured here: unrolled scalar
    /// code beats a vectorised loop for tiny layers (4×4: 7.8 vs 15 ns) and loses from 32×32 up.
    /// </summary>
    public const int UnrollLimit = 256;

    /// <summary>
    /// Layers of at least 8 units are written as straight-line SIMD across units while one pass needs at most this many
    /// vector multiply-adds (inputs × blocks of 8 units): a few thousand IL bytes, far inside the JIT's limits.
    /// </summary>
    public const int SimdLimit = 256;

    /// <summary>Units per 256-bit block: the SIMD strategy's width.</summary>
    public const int Lanes = 8;

    /// <summary>
    /// The most forward-pass operations (vector multiply-adds of SIMD layers, scalar ones of unrolled layers) a network may
    /// have for <c>Forward</c> to be written as one method: one SIMD layer at its own limit. For small networks one
    /// sample's pass is a chain of short dependent steps, and the calls and span arguments between layer methods were a
    /// quarter of it (Iris: 28 ns written out against 38 ns called, the same bits).
    /// </summary>
    public const int FusedForwardLimit = SimdLimit;

    /// <summary>Floats of transposed kernels one training step may keep, all layers together.</summary>
    public const int TransposedBudget = 16_384;

    /// <summary>
    /// Floats of intermediate activations <c>Forward</c> may keep on the stack (64 KiB, far inside any thread's stack);
    /// a network needing more keeps them in a buffer per thread, allocated on its first call.
    /// </summary>
    public const int ForwardStackBudget = 16_384;

    /// <summary>Floats of per-sample workspace a tile may use (64 KiB: a tile's activations and gradients stay in L2).</summary>
    public const int TileFloats = 16_384;

    /// <summary>Kernel-gradient blocks whose accumulators a mini-batch backward pass keeps in registers at once.</summary>
    public const int BlocksPerTile = 8;

    /// <summary>
    /// Characters of generated source a network may take: about 1 MB, so that no declaration makes a build slow (a
    /// 100,000-line file takes the compiler most of a minute). Past it, the layers whose specialised code is largest are
    /// written compactly (<see cref="LayerPlan.Compact"/>) until the estimate fits.
    /// </summary>
    public const int SourceBudget = 1_000_000;

    /// <summary>The most layers a network may declare (SNET0030): the network-level methods take a few lines per layer even when every layer is compact.</summary>
    public const int MaxLayers = 100;

    /// <summary>
    /// An upper estimate of the characters a Dense layer's specialised code takes, fitted to the generated sizes of every
    /// layer shape from 1 to 1,000 inputs and units (the mini-batch passes, at three widths, grow with the units up to 64, the straight-line
    /// one-sample pass with its operations; a test holds the estimate to the generated code).
    /// </summary>
    public static int EstimatedChars(DenseLayer dense, EmitStrategy strategy) =>
        31_000 + 1_700 * System.Math.Min(dense.Units, 64) + strategy switch
        {
            EmitStrategy.Unrolled => 600 * dense.KernelSize,
            EmitStrategy.Simd => 200 * dense.Inputs * VectorWidth.V256.Blocks(dense.Units).Count,
            EmitStrategy.Loop => 0,
            _ => throw new System.ArgumentOutOfRangeException(nameof(strategy), strategy, "An unknown strategy."),
        };

    /// <summary>Characters of a compact Dense layer's code.</summary>
    public const int CompactLayerChars = 4_000;

    /// <summary>Characters of another kind's layer (BatchNormalization's passes are the largest, about 8,000).</summary>
    public const int OtherLayerChars = 10_000;

    /// <summary>Characters each layer adds to the network-level methods (offsets, accessors, initialisation, the steps).</summary>
    public const int NetworkCharsPerLayer = 3_000;

    /// <summary>Whether <paramref name="strategy"/> can write a layer of <paramref name="inputs"/> × <paramref name="units"/> inside the per-method budget.</summary>
    public static bool Fits(CodeStrategy strategy, int inputs, int units) => strategy switch
    {
        CodeStrategy.Unrolled => (long)inputs * units <= UnrollLimit,
        CodeStrategy.Simd => units >= Lanes && (long)inputs * VectorWidth.V256.Blocks(units).Count <= SimdLimit,
        CodeStrategy.Loop or CodeStrategy.Auto => true,
        _ => throw new System.ArgumentOutOfRangeException(nameof(strategy), strategy, "an unvalidated strategy"),
    };

    /// <summary>
    /// The strategy for a layer of <paramref name="inputs"/> × <paramref name="units"/>: the requested one where it fits,
    /// otherwise (and for <see cref="CodeStrategy.Auto"/>) SIMD across units, then unrolled scalar code, then loops.
    /// </summary>
    public static EmitStrategy Choose(int inputs, int units, CodeStrategy requested = CodeStrategy.Auto)
    {
        if (requested != CodeStrategy.Auto && Fits(requested, inputs, units))
        {
            return requested switch
            {
                CodeStrategy.Unrolled => EmitStrategy.Unrolled,
                CodeStrategy.Simd => EmitStrategy.Simd,
                CodeStrategy.Loop => EmitStrategy.Loop,
                _ => throw new System.ArgumentOutOfRangeException(nameof(requested), requested, "an unvalidated strategy"),
            };
        }

        if (Fits(CodeStrategy.Simd, inputs, units))
        {
            return EmitStrategy.Simd;
        }

        return Fits(CodeStrategy.Unrolled, inputs, units) ? EmitStrategy.Unrolled : EmitStrategy.Loop;
    }

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

        // Mini-batch input gradients from a transposed kernel (a sum of rows, vectorised across the inputs, instead of a dot
        // product and horizontal sum per input and sample: horizontal sums dominated the backward pass of 10-unit layers
        // and of narrow layers after wide ones), from the last layer back while the kernels fit the budget.
        var transposed = new bool[count];
        int budget = TransposedBudget;
        for (int i = count - 1; i >= 0; i--)
        {
            if (layers[i] is DenseLayer dense && needsInputGradient[i] && dense.Inputs >= Lanes && dense.KernelSize <= budget)
            {
                transposed[i] = true;
                budget -= dense.KernelSize;
            }
        }

        // Compact layers: while the estimate passes the budget, the largest specialised Dense layer (the first of equals) is
        // written compactly instead.
        var compact = new bool[count];
        var estimates = new int[count];
        long estimate = 20_000;
        for (int i = 0; i < count; i++)
        {
            estimates[i] = layers[i] is DenseLayer d ? EstimatedChars(d, Choose(d.Inputs, d.Units, network.Strategy)) : OtherLayerChars;
            estimate += estimates[i] + NetworkCharsPerLayer;
        }

        while (estimate > SourceBudget)
        {
            int largest = -1;
            for (int i = 0; i < count; i++)
            {
                if (layers[i] is DenseLayer && !compact[i] && (largest < 0 || estimates[i] > estimates[largest]))
                {
                    largest = i;
                }
            }

            if (largest < 0)
            {
                break;
            }

            compact[largest] = true;
            transposed[largest] = false;
            estimate -= estimates[largest] - CompactLayerChars;
        }

        var plans = new LayerPlan[count];
        for (int i = 0; i < count; i++)
        {
            LayerModel layer = layers[i];
            EmitStrategy strategy = EmitStrategy.Loop;
            int chains = 1, rows256 = 1, rows512 = 1, rows128 = 1;
            bool wide = false, portable = false;
            var scratch = new List<ScratchBuffer>(layer.TrainingScratch);
            if (layer is DenseLayer dense)
            {
                strategy = compact[i] ? EmitStrategy.Loop : Choose(dense.Inputs, dense.Units, network.Strategy);
                chains = strategy switch
                {
                    EmitStrategy.Simd => VectorWidth.V256.Blocks(dense.Units).Count < 4 && dense.Inputs >= 6 ? 2 : 1,
                    EmitStrategy.Unrolled => dense.Units < 4 && dense.Inputs >= 6 ? 2 : 1,
                    EmitStrategy.Loop => 1,
                    _ => throw new System.ArgumentOutOfRangeException(nameof(network), strategy, "An unknown strategy."),
                };
                wide = !compact[i] && dense.Units >= VectorWidth.V512.Lanes;
                rows256 = KernelGradientRows(dense, VectorWidth.V256);
                rows512 = KernelGradientRows(dense, VectorWidth.V512);
                rows128 = KernelGradientRows(dense, VectorWidth.V128);

                // Every specialised layer: without it a default Native AOT build trains through the runtime's row loops.
                portable = !compact[i];
                if (transposed[i])
                {
                    scratch.Add(new ScratchBuffer("TransposedKernel", dense.KernelSize, PerSample: false));
                }
            }

            // The last layer defers its trailing activation to the network; one that is nothing without it is skipped.
            bool last = i == count - 1;
            bool vanishes = last && layer.IsIdentityWithoutActivation;
            bool identityInTraining = layer.IsIdentityInTraining || vanishes;
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
                strategy,
                chains,
                wide,
                portable,
                transposed[i],
                rows256,
                rows512,
                rows128,
                new EquatableArray<ScratchBuffer>(identityInTraining ? new List<ScratchBuffer>() : scratch),
                compact[i]);
        }

        // The workspace: per-call buffers, then one row per sample of each per-sample buffer. The last layer a training
        // step runs writes the logits.
        var slots = new List<WorkspaceSlot>();
        int perCall = 0, perSample = 0;
        void Add(string local, int floats, bool sampled)
        {
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

        int tile = TileFloats / System.Math.Max(perSample, 1) / 4 * 4;
        tile = tile < 4 ? 4 : tile > 32 ? 32 : tile;

        // Forward: every Dense layer straight-line and the whole pass small → one method.
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

            if (layers[i] is DenseLayer dense)
            {
                switch (plans[i].Strategy)
                {
                    case EmitStrategy.Simd:
                        operations += dense.Inputs * VectorWidth.V256.Blocks(dense.Units).Count;
                        break;
                    case EmitStrategy.Unrolled:
                        operations += dense.KernelSize;
                        break;
                    case EmitStrategy.Loop:
                        fusable = false;
                        break;
                    default:
                        throw new System.ArgumentOutOfRangeException(nameof(network), plans[i].Strategy, "an unknown strategy");
                }
            }
        }

        ActivationFunction outputActivation = network.OutputLayer.TrailingActivation ?? ActivationFunction.Linear;
        bool wholeBatch = false;
        foreach (LayerModel layer in layers)
        {
            wholeBatch |= layer.UsesBatchStatistics;
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
            perCall,
            perSample,
            new EquatableArray<WorkspaceSlot>(slots));
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

    /// <summary>
    /// Kernel-gradient rows per pass of the mini-batch backward: each gradient element is a chain of additions over the
    /// samples, so a pass takes enough rows that about four chains advance side by side.
    /// </summary>
    private static int KernelGradientRows(DenseLayer dense, VectorWidth width)
    {
        int fullBlocks = dense.Units / width.Lanes;
        int chains = System.Math.Min(fullBlocks, BlocksPerTile) + (dense.Units % width.Lanes != 0 ? 1 : 0);
        return System.Math.Max(1, System.Math.Min(4 / System.Math.Max(chains, 1), dense.Inputs));
    }
}
