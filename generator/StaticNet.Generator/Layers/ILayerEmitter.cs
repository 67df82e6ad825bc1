using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// Writes one layer kind's code. The network emitter decides where a layer's statements go and which buffers they read
/// and write (a <see cref="LayerSite"/>); the layer's emitter decides what the statements are, and writes the private
/// methods they call. Every pass is written once: the one-sample inference pass (for <c>Forward</c>), and the mini-batch
/// forward (training and inference modes) and backward passes that training steps and <c>ComputeLoss</c> share.
/// </summary>
internal interface ILayerEmitter
{
    /// <summary>How the layer reads in the file header: <c>Dense(10, ReLU)</c>.</summary>
    string Describe(LayerPlan plan);

    /// <summary>How its code was written, for the header's "Layer code" line, or null when there is nothing to say.</summary>
    string? DescribeCode(LayerPlan plan);

    /// <summary>
    /// The expression that builds its <c>LayerInfo</c>, given the arguments every layer shares (name, type, shapes, tensors).
    /// </summary>
    string Info(LayerPlan plan, string common);

    /// <summary>
    /// The one-sample inference pass inside <c>Forward</c>: statements written in place when <paramref name="fused"/>,
    /// else a call of the layer's method. Not called for a layer that is the identity in inference.
    /// </summary>
    void WriteInference(SourceWriter w, LayerPlan plan, LayerSite site, bool fused);

    /// <summary>Whether the layer's fused inference statements need a portable path for machines without 256-bit SIMD.</summary>
    bool NeedsPortableInference(LayerPlan plan);

    /// <summary>The same pass on the portable path (the runtime's reference implementation), for a fused <c>Forward</c>.</summary>
    void WritePortableInference(SourceWriter w, LayerPlan plan, LayerSite site);

    /// <summary>Statements a training step runs once per call, before its tiles (e.g. transposing a kernel).</summary>
    void WritePrologue(SourceWriter w, LayerPlan plan, LayerSite site);

    /// <summary>The training step's forward pass over a tile (the workspace's <c>training</c> flag and <c>random</c> stream are in scope).</summary>
    void WriteTrainingForward(SourceWriter w, LayerPlan plan, LayerSite site);

    /// <summary>The inference-mode forward pass over a tile, for <c>ComputeLoss</c>. Not called for an identity layer.</summary>
    void WriteInferenceBatch(SourceWriter w, LayerPlan plan, LayerSite site);

    /// <summary>The backward pass over a tile: from dL/d(output), add the parameters' gradients and write dL/d(input) if asked.</summary>
    void WriteBackward(SourceWriter w, LayerPlan plan, LayerSite site);

    /// <summary>The private methods the statements above call.</summary>
    void WriteMethods(SourceWriter w, LayerPlan plan, NetworkPlan network);

    /// <summary>
    /// For <c>InputGradient</c> (saliency), one sample in inference mode: writes d(output)/d(layer input) into
    /// <c>site.InputGradient</c> from d(output)/d(layer output) in <c>site.OutputGradient</c>, reading the layer's input and
    /// output as the inference pass left them. <paramref name="throughActivation"/> is false for the layer that defers its
    /// activation to the network (<see cref="LayerPlan.DefersActivation"/>), whose gradient is already with respect to
    /// the values before it; a layer that runs last in inference only because later layers are skipped (Dense before a
    /// final Dropout) applied its activation itself, so the gradient goes through it. Layers that are the identity in inference are never asked.
    /// </summary>
    void WriteInputGradient(SourceWriter w, LayerPlan plan, LayerSite site, bool throughActivation);
}

/// <summary>
/// Where a layer's statements sit: the locals holding its input and output (and their gradients), the sample count, and
/// how to reach its parameter tensors, their gradients and its workspace buffers.
/// </summary>
internal sealed class LayerSite(string input, string output, string count)
{
    /// <summary>The input rows (one sample in <c>Forward</c>).</summary>
    public string Input { get; } = input;

    /// <summary>Where the output goes.</summary>
    public string Output { get; } = output;

    /// <summary>Samples: <c>n</c> in a tile, <c>1</c> in <c>Forward</c>.</summary>
    public string Count { get; } = count;

    /// <summary>dL/d(output): read, and may be overwritten.</summary>
    public string? OutputGradient { get; init; }

    /// <summary>dL/d(input) to write, or null when no earlier layer needs it.</summary>
    public string? InputGradient { get; init; }

    /// <summary>The values of a tensor: a slice of <c>parameters</c> or <c>nonTrainableParameters</c>.</summary>
    public string Values(PlacedTensor tensor) =>
        $"{(tensor.Tensor.Trainable ? "parameters" : "nonTrainableParameters")}.Slice({Names.Offset(Layer, tensor)}, {tensor.Tensor.Size})";

    /// <summary>The slice of <c>gradient</c> that belongs to a trainable tensor.</summary>
    public string GradientOf(PlacedTensor tensor) => $"gradient.Slice({Names.Offset(Layer, tensor)}, {tensor.Tensor.Size})";

    /// <summary>The local holding one of the layer's workspace buffers: <c>dropout1Mask</c>.</summary>
    public string Scratch(string name) => Layer.Local + name;

    /// <summary>
    /// The network's input rows for the same samples: the token ids, where an embedding with <c>MaskZero</c> makes a
    /// padding mask (id 0) that later layers apply.
    /// </summary>
    public string Tokens { get; init; } = "default";

    /// <summary>The layer this site is for.</summary>
    public LayerModel Layer { get; init; } = null!;
}
