using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>A parameter tensor placed in its buffer: <c>Parameters</c> if trainable, else <c>NonTrainableParameters</c>.</summary>
internal sealed record PlacedTensor(ParameterTensor Tensor, int Offset)
{
    public int End => Offset + Tensor.Size;
}

/// <summary>
/// Every code-path decision for one layer, made by <see cref="NetworkPlanner"/> and nowhere else. Emitters read these;
/// they never re-derive a choice from the layer's size.
/// </summary>
/// <param name="Layer">The layer.</param>
/// <param name="Tensors">Its parameter tensors with their offsets.</param>
/// <param name="DefersActivation">
/// The network's last layer: it defers its trailing activation (<see cref="LayerModel.TrailingActivation"/>) to the
/// network, which fuses it into the loss and applies it at the end of <c>Forward</c>, and writes the values before it.
/// </param>
/// <param name="NeedsInputGradient">Some earlier layer has trainable parameters, so the backward pass must produce dL/dx.</param>
/// <param name="RunsBackward">The layer has a backward pass in a training step (trainable parameters, or a gradient to pass on).</param>
/// <param name="IdentityInInference">Inference code skips the layer: its output is its input (dropout).</param>
/// <param name="IdentityInTraining">Training code skips it too (dropout at rate 0).</param>
/// <param name="UsesTrainingFlag">Its training-step code reads the workspace's training flag.</param>
/// <param name="UsesRandom">Its training-step code draws from the workspace's random stream.</param>
/// <param name="Strategy">How a Dense layer's one-sample forward pass is written.</param>
/// <param name="ForwardChains">Multiply-add chains per accumulator in that pass: 2 when too few accumulators would leave the FMA latency exposed.</param>
/// <param name="Batch512">The mini-batch passes get a 512-bit twin, taken where AVX-512 is accelerated.</param>
/// <param name="Batch128">The mini-batch passes get a 128-bit twin, taken where 256-bit vectors are not accelerated but 128-bit ones are (a default Native AOT build).</param>
/// <param name="TransposedKernel">The mini-batch backward pass reads the kernel transposed, made once per call in the workspace.</param>
/// <param name="KernelGradientRows256">Kernel-gradient rows per pass in the 256-bit backward pass.</param>
/// <param name="KernelGradientRows512">The same in the 512-bit one.</param>
/// <param name="KernelGradientRows128">The same in the 128-bit one.</param>
/// <param name="Scratch">Workspace buffers the layer keeps.</param>
/// <param name="Compact">
/// The network's specialised code would pass the source budget (<see cref="NetworkPlanner.SourceBudget"/>), so this layer's
/// mini-batch passes are calls to the runtime's loop-based reference implementation and its one-sample pass a loop.
/// </param>
internal sealed record LayerPlan(
    LayerModel Layer,
    EquatableArray<PlacedTensor> Tensors,
    bool DefersActivation,
    bool NeedsInputGradient,
    bool RunsBackward,
    bool IdentityInInference,
    bool IdentityInTraining,
    bool UsesTrainingFlag,
    bool UsesRandom,
    EmitStrategy Strategy,
    int ForwardChains,
    bool Batch512,
    bool Batch128,
    bool TransposedKernel,
    int KernelGradientRows256,
    int KernelGradientRows512,
    int KernelGradientRows128,
    EquatableArray<ScratchBuffer> Scratch,
    bool Compact = false)
{
    /// <summary>The tensor named <paramref name="name"/> (<c>kernel</c>), with its offset.</summary>
    public PlacedTensor Tensor(string name)
    {
        foreach (PlacedTensor placed in Tensors)
        {
            if (placed.Tensor.Name == name)
            {
                return placed;
            }
        }

        throw new System.InvalidOperationException($"{Layer.Name} has no tensor '{name}'.");
    }

    public int KernelGradientRows(VectorWidth width) =>
        width == VectorWidth.V512 ? KernelGradientRows512 : width == VectorWidth.V128 ? KernelGradientRows128 : KernelGradientRows256;
}
