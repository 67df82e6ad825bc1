using System.Globalization;

namespace StaticNet;

/// <summary>
/// One layer of a generated network, as the generator laid it out: its Keras-style name, its type, its input and output
/// shapes (per sample, without the batch dimension) and its parameter tensors. Each layer type adds its configuration in a
/// derived record (<see cref="DenseLayerInfo"/>, <see cref="DropoutLayerInfo"/>, <see cref="BatchNormalizationLayerInfo"/>,
/// <see cref="ActivationLayerInfo"/>, <see cref="GaussianNoiseLayerInfo"/>, <see cref="FlattenLayerInfo"/>),
/// as Keras's <c>get_config()</c> does.
/// </summary>
/// <param name="Name">The layer's name as Keras would print it: <c>dense_1</c>, <c>dropout_1</c>, …</param>
/// <param name="Type">The layer type, e.g. <c>Dense</c>.</param>
/// <param name="InputShape">The shape of one sample's input to the layer.</param>
/// <param name="OutputShape">The shape of one sample's output.</param>
/// <param name="Parameters">The layer's parameter tensors, trainable and non-trainable, in the order they are laid out.</param>
public abstract record LayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters)
{
    /// <summary>Values in one sample's input: the product of <see cref="InputShape"/>.</summary>
    public int InputSize => Product(InputShape);

    /// <summary>Values in one sample's output: the product of <see cref="OutputShape"/>.</summary>
    public int OutputSize => Product(OutputShape);

    /// <summary>The number of trainable parameters.</summary>
    public int ParameterCount => Parameters.Where(p => p.Trainable).Sum(p => p.Size);

    /// <summary>The number of non-trainable parameters (a batch normalisation's moving statistics).</summary>
    public int NonTrainableParameterCount => Parameters.Where(p => !p.Trainable).Sum(p => p.Size);

    /// <summary>
    /// How the layer reads in an architecture (<c>ParameterFile.Architecture</c>, a model bundle, an ONNX model's doc
    /// string): its type and every setting that changes what it computes, e.g. <c>Dense(10, ReLU)</c>. Two layers that
    /// compute differently must describe themselves differently, so that a file saved from one is never loaded into the
    /// other; every kind writes its own, and there is no generic fallback.
    /// </summary>
    public abstract string Describe();

    /// <summary>An activation as an architecture writes it: <c>ReLU</c>, or <c>LeakyReLU(0.2)</c> with its slope.</summary>
    private protected static string Describe(Activation activation, float negativeSlope) =>
        activation == Activation.LeakyReLU ? string.Create(CultureInfo.InvariantCulture, $"LeakyReLU({negativeSlope:R})") : activation.ToString();

    /// <summary>The parameter tensor named <paramref name="name"/> (e.g. <c>kernel</c>).</summary>
    /// <exception cref="KeyNotFoundException">The layer has no such tensor.</exception>
    public ParameterInfo Parameter(string name) =>
        Parameters.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"{Name} has no parameter tensor '{name}'.");

    private static int Product(IReadOnlyList<int> shape)
    {
        int size = 1;
        foreach (int dimension in shape)
        {
            size *= dimension;
        }

        return size;
    }
}

/// <summary>A parameter tensor of a layer (Keras's "weight"; PyTorch's parameter or buffer).</summary>
/// <param name="Name">Its name within the layer, as Keras names it: <c>kernel</c>, <c>bias</c>, <c>gamma</c>, <c>moving_mean</c>, …</param>
/// <param name="Shape">Its shape; a Dense kernel is inputs × units, row-major.</param>
/// <param name="Offset">
/// Where it starts: in the network's <c>Parameters</c> if <paramref name="Trainable"/>, else in its
/// <c>NonTrainableParameters</c>.
/// </param>
/// <param name="Trainable">Whether the optimizer trains it (and a gradient has room for it).</param>
/// <param name="Initializer">How <c>InitializeParameters</c> fills it.</param>
public sealed record ParameterInfo(string Name, IReadOnlyList<int> Shape, int Offset, bool Trainable, Initializer Initializer)
{
    /// <summary>The number of values: the product of <see cref="Shape"/>.</summary>
    public int Size => Shape.Aggregate(1, (size, dimension) => size * dimension);
}

/// <summary>A fully connected layer (<see cref="DenseAttribute"/>).</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type">Always <c>Dense</c>.</param>
/// <param name="InputShape">One sample's input shape.</param>
/// <param name="OutputShape">One sample's output shape: (units).</param>
/// <param name="Parameters">The kernel (inputs × units) and the bias (units).</param>
/// <param name="Activation">The activation.</param>
/// <param name="NegativeSlope">The slope below zero for <see cref="Activation.LeakyReLU"/> (otherwise unused).</param>
/// <param name="L1">The kernel's L1 regularisation factor (0: none).</param>
/// <param name="L2">The kernel's L2 regularisation factor (0: none).</param>
/// <param name="Strategy">How the generator wrote this layer's one-sample forward pass: <c>Unrolled</c>, <c>Simd</c> or <c>Loop</c>.</param>
public sealed record DenseLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    Activation Activation,
    float NegativeSlope,
    float L1,
    float L2,
    string Strategy)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <summary>The kernel's rows: the flat input's size, or one step's features on a sequence.</summary>
    public int Inputs => InputShape[^1];

    /// <summary>The number of units (outputs per step on a sequence).</summary>
    public int Units => OutputShape[^1];

    /// <summary>Rows per sample: the steps of a sequence (the same kernel applied to each, as Keras's Dense), else 1.</summary>
    public int Steps => InputShape.Count == 2 ? InputShape[0] : 1;

    /// <summary>Where the kernel (inputs × units, row-major) starts in <c>Parameters</c>.</summary>
    public int KernelOffset => Parameter("kernel").Offset;

    /// <summary>Where the bias starts in <c>Parameters</c>.</summary>
    public int BiasOffset => Parameter("bias").Offset;

    /// <inheritdoc/>
    public override string Describe() => $"Dense({Units}, {Describe(Activation, NegativeSlope)})";
}

/// <summary>An inverted-dropout layer (<see cref="DropoutAttribute"/>).</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type">Always <c>Dropout</c>.</param>
/// <param name="InputShape">One sample's input shape.</param>
/// <param name="OutputShape">The same as the input shape.</param>
/// <param name="Parameters">None.</param>
/// <param name="Rate">The fraction of values dropped in training.</param>
public sealed record DropoutLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    float Rate)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"Dropout({Rate:R})");
}

/// <summary>A batch-normalisation layer (<see cref="BatchNormalizationAttribute"/>), per channel: the last axis.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type">Always <c>BatchNormalization</c>.</param>
/// <param name="InputShape">One sample's input shape.</param>
/// <param name="OutputShape">The same as the input shape.</param>
/// <param name="Parameters">γ and β (trainable), the moving mean and variance (non-trainable): one value per channel (the last axis).</param>
/// <param name="Momentum">The weight of the old value in the moving statistics' update.</param>
/// <param name="Epsilon">Added to the variance before its square root.</param>
public sealed record BatchNormalizationLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    float Momentum,
    float Epsilon)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"BatchNormalization({(OutputShape.Count == 1 ? OutputSize : string.Join(" × ", OutputShape))}, momentum {Momentum:R}, epsilon {Epsilon:R})");
}

/// <summary>A standalone activation layer (<see cref="ActivationAttribute"/>).</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type">Always <c>Activation</c>.</param>
/// <param name="InputShape">One sample's input shape.</param>
/// <param name="OutputShape">The same as the input shape.</param>
/// <param name="Parameters">None.</param>
/// <param name="Activation">The activation.</param>
/// <param name="NegativeSlope">The slope below zero for <see cref="Activation.LeakyReLU"/> (otherwise unused).</param>
public sealed record ActivationLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    Activation Activation,
    float NegativeSlope)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override string Describe() => $"Activation({Describe(Activation, NegativeSlope)})";
}

/// <summary>An additive Gaussian noise layer (<see cref="GaussianNoiseAttribute"/>).</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type">Always <c>GaussianNoise</c>.</param>
/// <param name="InputShape">One sample's input shape.</param>
/// <param name="OutputShape">The same as the input shape.</param>
/// <param name="Parameters">None.</param>
/// <param name="Stddev">The standard deviation of the noise added in training.</param>
public sealed record GaussianNoiseLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    float Stddev)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"GaussianNoise({Stddev:R})");
}

/// <summary>A flattening layer (<see cref="FlattenAttribute"/>): the same values, as a vector.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type">Always <c>Flatten</c>.</param>
/// <param name="InputShape">One sample's input shape.</param>
/// <param name="OutputShape">(the input's size).</param>
/// <param name="Parameters">None.</param>
public sealed record FlattenLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override string Describe() => "Flatten";
}

/// <summary>A 2-D convolution (<see cref="Conv2DAttribute"/>), channels last.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type">Always <c>Conv2D</c>.</param>
/// <param name="InputShape">One sample's input shape: height × width × channels.</param>
/// <param name="OutputShape">Output height × output width × filters.</param>
/// <param name="Parameters">The kernel (kernel height × kernel width × channels × filters) and the bias (filters).</param>
/// <param name="Activation">The activation.</param>
/// <param name="NegativeSlope">The slope below zero for <see cref="Activation.LeakyReLU"/> (otherwise unused).</param>
/// <param name="Strides">Step between output positions, both axes.</param>
/// <param name="DilationRate">Step between the kernel's taps, both axes.</param>
/// <param name="Padding">Valid or Same.</param>
/// <param name="L1">The kernel's L1 regularisation factor.</param>
/// <param name="L2">The kernel's L2 regularisation factor.</param>
public sealed record Conv2DLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    Activation Activation,
    float NegativeSlope,
    int Strides,
    int DilationRate,
    Padding Padding,
    float L1,
    float L2)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <summary>Output channels.</summary>
    public int Filters => OutputShape[^1];

    /// <summary>Kernel rows.</summary>
    public int KernelHeight => Parameter("kernel").Shape[0];

    /// <summary>Kernel columns.</summary>
    public int KernelWidth => Parameter("kernel").Shape[1];

    /// <inheritdoc/>
    public override string Describe() =>
        $"Conv2D({Filters}, {KernelHeight}×{KernelWidth}, strides {Strides}, dilation {DilationRate}, {Padding}, {Describe(Activation, NegativeSlope)})";
}

/// <summary>
/// A 2-D pooling layer (<see cref="MaxPooling2DAttribute"/>, <see cref="AveragePooling2DAttribute"/>, and the global ones,
/// <see cref="GlobalMaxPooling2DAttribute"/> and <see cref="GlobalAveragePooling2DAttribute"/>, whose one window is the
/// whole image and whose output is the channels), channels last.
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type"><c>MaxPooling2D</c>, <c>AveragePooling2D</c>, <c>GlobalMaxPooling2D</c> or <c>GlobalAveragePooling2D</c>.</param>
/// <param name="InputShape">One sample's input shape: height × width × channels.</param>
/// <param name="OutputShape">Output height × output width × channels; the channels for a global pooling.</param>
/// <param name="Parameters">None.</param>
/// <param name="PoolHeight">Window rows.</param>
/// <param name="PoolWidth">Window columns.</param>
/// <param name="StrideHeight">Rows between windows.</param>
/// <param name="StrideWidth">Columns between windows.</param>
/// <param name="Padding">Valid or Same.</param>
public sealed record Pooling2DLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    int PoolHeight,
    int PoolWidth,
    int StrideHeight,
    int StrideWidth,
    Padding Padding)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <summary>Whether each output is its window's maximum (else its mean).</summary>
    public bool IsMax => Type is "MaxPooling2D" or "GlobalMaxPooling2D" or "MaxPooling1D" or "GlobalMaxPooling1D";

    /// <summary>Whether the one window is the whole image and the output the channels.</summary>
    public bool IsGlobal => OutputShape.Count == 1;

    /// <summary>Whether it pools a sequence (steps × channels): a window one row high (MaxPooling1D, GlobalAveragePooling1D).</summary>
    public bool IsSequence => InputShape.Count == 2;

    /// <inheritdoc/>
    public override string Describe() => (IsGlobal, IsSequence) switch
    {
        (true, true) => $"{Type}(over {PoolWidth})",
        (true, false) => $"{Type}(over {PoolHeight}×{PoolWidth})",
        (false, true) => $"{Type}({PoolWidth}, strides {StrideWidth}, {Padding})",
        (false, false) => $"{Type}({PoolHeight}×{PoolWidth}, strides {StrideHeight}×{StrideWidth}, {Padding})",
    };
}

/// <summary>A random-flip augmentation layer (<see cref="RandomFlipAttribute"/>): flips in training, the identity in inference.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type">Always <c>RandomFlip</c>.</param>
/// <param name="InputShape">One sample's input shape: height × width × channels.</param>
/// <param name="OutputShape">The same shape.</param>
/// <param name="Parameters">None.</param>
/// <param name="Mode">Which flips may be applied.</param>
public sealed record RandomFlipLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    FlipMode Mode)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override string Describe() => $"RandomFlip({Mode})";
}

/// <summary>A random-translation augmentation layer (<see cref="RandomTranslationAttribute"/>): shifts in training, the identity in inference.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type">Always <c>RandomTranslation</c>.</param>
/// <param name="InputShape">One sample's input shape: height × width × channels.</param>
/// <param name="OutputShape">The same shape.</param>
/// <param name="Parameters">None.</param>
/// <param name="HeightFactor">The largest vertical shift, as a fraction of the height.</param>
/// <param name="WidthFactor">The largest horizontal shift, as a fraction of the width.</param>
/// <param name="FillMode">How the part shifted in from outside is filled.</param>
/// <param name="Interpolation">How the image is read between pixels.</param>
/// <param name="FillValue">The value a constant fill uses.</param>
public sealed record RandomTranslationLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    float HeightFactor,
    float WidthFactor,
    FillMode FillMode,
    Interpolation Interpolation,
    float FillValue)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <inheritdoc/>
    public override string Describe() => FormattableString.Invariant(
        $"RandomTranslation({HeightFactor:R}, {WidthFactor:R}, {FillMode}, {Interpolation}{(FillMode == FillMode.Constant ? $", fill {FillValue:R}" : string.Empty)})");
}

/// <summary>A recurrent layer (<see cref="SimpleRNNAttribute"/>, <see cref="GRUAttribute"/>, <see cref="LSTMAttribute"/>).</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type"><c>SimpleRNN</c>, <c>GRU</c> or <c>LSTM</c>.</param>
/// <param name="InputShape">One sample's input shape: steps × features.</param>
/// <param name="OutputShape">Steps × units with <paramref name="ReturnSequences"/>, else units.</param>
/// <param name="Parameters">
/// <c>kernel</c> (features × gates·units), <c>recurrent_kernel</c> (units × gates·units) and <c>bias</c> (gates·units;
/// 2 × 3·units for a GRU with <paramref name="ResetAfter"/>), Keras's names, layouts and gate orders.
/// </param>
/// <param name="Activation">The state's (SimpleRNN) or candidate's activation.</param>
/// <param name="RecurrentActivation">The gates' activation (GRU, LSTM).</param>
/// <param name="ReturnSequences">Whether every step's state is the output.</param>
/// <param name="ResetAfter">A GRU's reset gate placement (after the recurrent product).</param>
/// <param name="L1">The kernel's L1 regularisation factor (0: none).</param>
/// <param name="L2">The kernel's L2 regularisation factor (0: none).</param>
/// <param name="Bidirectional">
/// Whether a second direction reads the steps last to first (its tensors named <c>backward_…</c>), each output being
/// [forward units, backward units] as Keras's <c>Bidirectional</c> concatenates them.
/// </param>
public sealed record RecurrentLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    Activation Activation,
    Activation RecurrentActivation,
    bool ReturnSequences,
    bool ResetAfter,
    float L1,
    float L2,
    bool Bidirectional)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <summary>The state's size (one direction's).</summary>
    public int Units => OutputShape[^1] / (Bidirectional ? 2 : 1);

    /// <summary>Steps of the input sequence.</summary>
    public int Steps => InputShape[0];

    /// <summary>Features per step.</summary>
    public int Features => InputShape[^1];

    /// <inheritdoc/>
    public override string Describe() => (Bidirectional ? "Bidirectional " : string.Empty) + Type switch
    {
        "SimpleRNN" => $"SimpleRNN({Units}, {Activation}, return sequences {ReturnSequences}{Regularization()})",
        "GRU" => $"GRU({Units}, {Activation}, {RecurrentActivation}, return sequences {ReturnSequences}, reset after {ResetAfter}{Regularization()})",
        _ => $"{Type}({Units}, {Activation}, {RecurrentActivation}, return sequences {ReturnSequences}{Regularization()})",
    };

    private string Regularization() => L1 == 0 && L2 == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", L1 {L1:R}, L2 {L2:R}");
}

/// <summary>A lookup table from token ids to vectors (<see cref="EmbeddingAttribute"/>).</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type">Always <c>Embedding</c>.</param>
/// <param name="InputShape">One sample's input shape: (steps), one token id per step.</param>
/// <param name="OutputShape">Steps × output dimension.</param>
/// <param name="Parameters">The table, <c>embeddings</c> (input dimension × output dimension, Keras's name and layout).</param>
/// <param name="MaskZero">Id 0 is padding, masked in the layers after (<see cref="EmbeddingAttribute.MaskZero"/>).</param>
public sealed record EmbeddingLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    bool MaskZero)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <summary>The vocabulary's size: ids run from 0 to <see cref="InputDim"/> − 1.</summary>
    public int InputDim => Parameter("embeddings").Shape[0];

    /// <summary>The length of each vector.</summary>
    public int OutputDim => OutputShape[^1];

    /// <inheritdoc/>
    public override string Describe() => $"Embedding({InputDim}, {OutputDim}{(MaskZero ? ", mask zero" : string.Empty)})";
}

/// <summary>A 1-D convolution over sequences (<see cref="Conv1DAttribute"/>), channels last.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="Type">Always <c>Conv1D</c>.</param>
/// <param name="InputShape">One sample's input shape: steps × channels.</param>
/// <param name="OutputShape">Output steps × filters.</param>
/// <param name="Parameters">The kernel (kernel size × channels × filters, Keras's layout) and the bias (filters).</param>
/// <param name="Activation">The activation.</param>
/// <param name="NegativeSlope">The slope below zero for <see cref="Activation.LeakyReLU"/> (otherwise unused).</param>
/// <param name="Strides">Step between output steps.</param>
/// <param name="DilationRate">Step between the kernel's taps.</param>
/// <param name="Padding">Valid or Same.</param>
/// <param name="L1">The kernel's L1 regularisation factor.</param>
/// <param name="L2">The kernel's L2 regularisation factor.</param>
public sealed record Conv1DLayerInfo(
    string Name,
    string Type,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    IReadOnlyList<ParameterInfo> Parameters,
    Activation Activation,
    float NegativeSlope,
    int Strides,
    int DilationRate,
    Padding Padding,
    float L1,
    float L2)
    : LayerInfo(Name, Type, InputShape, OutputShape, Parameters)
{
    /// <summary>Output channels.</summary>
    public int Filters => OutputShape[^1];

    /// <summary>Taps of the kernel.</summary>
    public int KernelSize => Parameter("kernel").Shape[0];

    /// <inheritdoc/>
    public override string Describe() =>
        $"Conv1D({Filters}, {KernelSize}, strides {Strides}, dilation {DilationRate}, {Padding}, {Describe(Activation, NegativeSlope)})";
}
