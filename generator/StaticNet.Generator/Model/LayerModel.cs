namespace StaticNet.Generator.Model;

/// <summary>
/// One layer of a valid network, as its kind's rules built it: where it sits, the shape it takes and gives, and its
/// parameter tensors. Each layer kind derives one record holding its attribute's arguments; together with the kind's
/// rules (<c>ILayerKind</c>) and emitter (<c>ILayerEmitter</c>) that is the whole kind. Plain values only, so equal
/// declarations give equal models and the incremental pipeline caches.
/// </summary>
/// <param name="Type">Keras's type name: <c>Dense</c>, <c>Dropout</c>, <c>BatchNormalization</c>.</param>
/// <param name="Index">0-based position among the network's layers.</param>
/// <param name="Name">Keras-style name, numbered per type from 1: <c>dense_1</c>, <c>dropout_1</c>.</param>
/// <param name="Prefix">The name in generated members: <c>Dense1</c>, <c>BatchNormalization1</c>.</param>
/// <param name="Input">One sample's input shape.</param>
/// <param name="Output">One sample's output shape.</param>
/// <param name="Parameters">The parameter tensors, trainable and non-trainable, in layout order.</param>
internal abstract record LayerModel(
    string Type,
    int Index,
    string Name,
    string Prefix,
    TensorShape Input,
    TensorShape Output,
    EquatableArray<ParameterTensor> Parameters)
{
    /// <summary>The name of a local that holds this layer's output in generated code: <c>dense1</c>.</summary>
    public string Local => char.ToLowerInvariant(Prefix[0]) + Prefix.Substring(1);

    /// <summary>Inference code skips the layer: its output is its input (dropout).</summary>
    public virtual bool IsIdentityInInference => false;

    /// <summary>Training code skips it too (dropout at rate 0).</summary>
    public virtual bool IsIdentityInTraining => false;

    /// <summary>In training, each sample's output depends on the whole batch (batch statistics), so a step cannot be cut into tiles.</summary>
    public virtual bool UsesBatchStatistics => false;

    /// <summary>In training, it draws from the workspace's random stream.</summary>
    public virtual bool IsStochastic => false;

    /// <summary>Its training-step code behaves differently when the workspace's training flag is off.</summary>
    public virtual bool HasTrainingMode => false;

    /// <summary>
    /// The activation the layer applies last (Dense's, a standalone Activation layer's), or null when it applies none. This
    /// is how the network's output is decided, for every kind alike: the last layer leaves its trailing activation to the
    /// network, which fuses it into the loss and applies it at the end of <c>Forward</c>, and writes the values before it
    /// (the logits). A network whose last layer has none (dropout, batch normalisation) ends linearly.
    /// </summary>
    public virtual ActivationFunction? TrailingActivation => null;

    /// <summary>
    /// Without its trailing activation the layer computes nothing (a standalone Activation layer), so as the last layer it
    /// is skipped in every pass: the layer before it writes the logits.
    /// </summary>
    public virtual bool IsIdentityWithoutActivation => false;

    /// <summary>
    /// How a streaming <c>Step</c> (one time step at a time, with state between calls) can run the layer: −1 when it
    /// cannot (the network then gets no <c>Step</c>: a convolution or pooling over time needs the whole sequence), 0 for
    /// a layer that keeps nothing between steps (an embedding, a Dense layer after the last recurrent one), or the floats
    /// of state it carries from step to step (a recurrent layer).
    /// </summary>
    public virtual int StreamingState => -1;

    /// <summary>Workspace buffers its training step keeps between the forward and the backward pass.</summary>
    public virtual EquatableArray<ScratchBuffer> TrainingScratch => new(System.Array.Empty<ScratchBuffer>());

    public bool HasTrainableParameters
    {
        get
        {
            foreach (ParameterTensor tensor in Parameters)
            {
                if (tensor.Trainable)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>
/// Workspace memory a layer keeps between its forward and backward pass (a dropout mask, normalised values) or fills once
/// per call (a transposed kernel). Per-sample buffers hold one row per sample of the tile.
/// </summary>
/// <param name="Name">Its name, appended to the layer's local: <c>Mask</c> → <c>dropout1Mask</c>.</param>
/// <param name="Floats">Floats per sample, or per call.</param>
/// <param name="PerSample">Whether it holds a row per sample.</param>
/// <param name="InInference">The inference-mode mini-batch pass uses it too (a convolution's patches), so <c>ComputeLoss</c> takes it from the workspace.</param>
internal sealed record ScratchBuffer(string Name, int Floats, bool PerSample, bool InInference = false);
