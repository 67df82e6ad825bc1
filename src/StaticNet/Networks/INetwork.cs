namespace StaticNet;

/// <summary>
/// What every generated network offers the runtime: its shape, its parameter buffers, and the generated forward pass,
/// training step and loss. The training loop (<see cref="NetworkTraining"/>) works through this interface, so it is written
/// once for every network while each network's arithmetic stays generated code.
/// </summary>
public interface INetwork
{
    /// <summary>The number of input features per sample.</summary>
    int InputSize { get; }

    /// <summary>The number of output units.</summary>
    int OutputSize { get; }

    /// <summary>The number of floats in one sample's target: 1 for sparse categorical cross-entropy (the class index), else <see cref="OutputSize"/>.</summary>
    int TargetSize { get; }

    /// <summary>The number of trainable parameters: the length of <see cref="Parameters"/> and of a gradient.</summary>
    int ParameterCount { get; }

    /// <summary>The number of non-trainable parameters (batch normalisation's moving statistics): the length of <see cref="NonTrainableParameters"/>.</summary>
    int NonTrainableParameterCount { get; }

    /// <summary>The loss the network is trained on.</summary>
    Loss Loss { get; }

    /// <summary>The layers in order, with their parameter tensors and where each lives.</summary>
    IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>The trainable parameters, layer after layer (a Dense layer: its kernel, inputs × units row-major, then its bias).</summary>
    Span<float> Parameters { get; }

    /// <summary>The non-trainable parameters, layer after layer (a batch normalisation: its moving mean, then its moving variance); empty for most networks.</summary>
    Span<float> NonTrainableParameters { get; }

    /// <summary>Fills every parameter tensor with its initialiser, drawing from a generator seeded with <paramref name="seed"/>.</summary>
    void InitializeParameters(int seed);

    /// <summary>
    /// Runs one sample through the network in inference mode. For speed the input is not checked for NaN or infinity (data
    /// that goes through a <see cref="Dataset"/> is). Safe to call from many threads at once, but not while the same
    /// instance trains (it would read parameters half-updated): serve from a
    /// <see cref="NetworkSnapshots.Snapshot{TNetwork}(TNetwork)"/> instead.
    /// </summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// Runs <paramref name="batchSize"/> samples (rows of <paramref name="inputs"/>) through the network in inference mode,
    /// through the mini-batch passes a tile at a time, into rows of <paramref name="outputs"/>: the same bits as
    /// <c>Evaluate</c>'s predictions. Thread-safe (each thread has its own workspace), with the same caveat as the one-sample
    /// overload about an instance that trains.
    /// </summary>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize);

    /// <summary>
    /// Input-gradient saliency: the gradient of output <paramref name="output"/> (after the output activation, or of its
    /// logit before it with <paramref name="ofLogit"/>) with respect to each input feature, for one sample in inference
    /// mode; generated backward code, checked against finite differences. See <see cref="Interpretation.Saliency"/>.
    /// </summary>
    void InputGradient(ReadOnlySpan<float> input, int output, Span<float> inputGradient, bool ofLogit = false);

    /// <summary>
    /// A workspace for training steps of up to <paramref name="batchSize"/> samples (see <see cref="TrainingWorkspace"/>),
    /// whose random stream (dropout) starts from <paramref name="seed"/>.
    /// </summary>
    TrainingWorkspace CreateWorkspace(int batchSize, long seed = 0);

    /// <summary>
    /// A training step for one sample: the mini-batch step with a count of 1, in this thread's workspace. Adds the gradient
    /// into <paramref name="gradient"/> (same layout as <see cref="Parameters"/>), writes the output into
    /// <paramref name="prediction"/>, returns the loss.
    /// </summary>
    float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient, Span<float> prediction);

    /// <summary>
    /// Runs forward, the loss and backward for <paramref name="count"/> samples (rows of <paramref name="inputs"/> and
    /// <paramref name="targets"/>) in this thread's workspace; adds the sum of their gradients into <paramref name="gradient"/>,
    /// writes their outputs into <paramref name="predictions"/>, and returns the summed loss.
    /// </summary>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradient, Span<float> predictions);

    /// <summary>As <see cref="TrainBatch(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Span{float})"/>, in the given workspace.</summary>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradient, Span<float> predictions, TrainingWorkspace workspace);

    /// <summary>
    /// The mini-batch step with every buffer explicit: <paramref name="parameters"/> are read, and in training mode
    /// <paramref name="nonTrainableParameters"/> are updated (moving statistics). <c>Fit</c>'s workers call this, each with
    /// its own workspace.
    /// </summary>
    float TrainBatch(ReadOnlySpan<float> parameters, Span<float> nonTrainableParameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> gradient, Span<float> predictions, TrainingWorkspace workspace);

    /// <summary>The loss of one sample in inference mode; writes the output into <paramref name="prediction"/>.</summary>
    float ComputeLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> prediction);

    /// <summary>
    /// The summed inference-mode loss of <paramref name="count"/> samples (with any regularisation penalty once per
    /// sample, as Keras reports it); writes their outputs into <paramref name="predictions"/>.
    /// </summary>
    float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, Span<float> predictions, TrainingWorkspace workspace);
}
