using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>A parameter tensor placed in its buffer: <c>Parameters</c> if trainable, else <c>NonTrainableParameters</c>.</summary>
internal sealed record PlacedTensor(ParameterTensor Tensor, int Offset)
{
    public int End => Offset + Tensor.Size;
}

/// <summary>
/// The decisions for one layer: where it sits in the network's passes, made by <see cref="NetworkPlanner"/>, and its
/// kind's own (<see cref="Kind"/>), made by the kind's <see cref="ILayerPlanner"/>. Emitters read these; they never
/// re-derive a choice from the layer's size.
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
/// <param name="Scratch">Workspace buffers the layer keeps: its model's and its kind's decisions'.</param>
/// <param name="Kind">Its kind's own decisions (<see cref="KindPlan"/>), which only its emitter reads.</param>
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
    EquatableArray<ScratchBuffer> Scratch,
    KindPlan Kind)
{
    /// <summary>The workspace buffers its inference-mode passes use too (<see cref="ScratchBuffer.InInference"/>: a convolution's patches).</summary>
    public System.Collections.Generic.IEnumerable<ScratchBuffer> InferenceScratch => System.Linq.Enumerable.Where(Scratch, b => b.InInference);

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
}
