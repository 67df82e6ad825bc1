using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNet.Generator.Diagnostics;

/// <summary>
/// Every diagnostic StaticNet reports. Each invalid declaration gets its own ID, and each is located on the attribute or
/// class name at fault, so the squiggle lands where the fix goes.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "StaticNet";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "SNET0001",
        "Network class must be partial",
        "The network class '{0}' must be declared 'partial' so that StaticNet can generate the rest of it");

    public static readonly DiagnosticDescriptor MissingInput = Error(
        "SNET0002",
        "Network has no [Input]",
        "The network '{0}' needs an [Input(size)] attribute giving the number of features per sample");

    public static readonly DiagnosticDescriptor InputNotFirst = Error(
        "SNET0003",
        "[Input] must come before the layers",
        "[Input] must be the first shape attribute; it comes after the layer '{0}'");

    public static readonly DiagnosticDescriptor DuplicateInput = Error(
        "SNET0004",
        "[Input] declared more than once",
        "The network '{0}' declares [Input] more than once; keep one");

    public static readonly DiagnosticDescriptor NonPositiveSize = Error(
        "SNET0005",
        "Size must be positive",
        "{0} must be at least 1, but is {1}");

    public static readonly DiagnosticDescriptor SoftmaxNotLast = Error(
        "SNET0006",
        "Softmax is only allowed on the last layer",
        "Softmax is only allowed on the last layer, but '{0}' is followed by other layers; use ReLU, Tanh or another element-wise activation here");

    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        "SNET0007",
        "Loss does not fit the output layer",
        "{0} needs {1}, but the last layer is {2}");

    public static readonly DiagnosticDescriptor GenericNotSupported = Error(
        "SNET0008",
        "Generic networks are not supported",
        "The network class '{0}' must not be generic or nested in a generic type: its shape is fixed at compile time");

    public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = Error(
        "SNET0009",
        "Shape attributes split across partial declarations",
        "Put every shape attribute on the declaration that carries [Network]; this one is on another partial declaration of '{0}', so the layer order would be ambiguous");

    public static readonly DiagnosticDescriptor NoLayers = Error(
        "SNET0010",
        "Network has no layers with parameters",
        "The network '{0}' has no layer with trainable parameters; add at least one, e.g. [Dense(1)]");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "SNET0011",
        "Containing type must be partial",
        "The network class '{0}' is nested in '{1}', which must also be declared 'partial'");

    public static readonly DiagnosticDescriptor StaticClass = Error(
        "SNET0012",
        "Network class must not be static",
        "The network class '{0}' must not be static: each instance holds its own parameters");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "SNET0013",
        "Unknown enum value",
        "{0} is not a defined {1}");

    public static readonly DiagnosticDescriptor InvalidNegativeSlope = Error(
        "SNET0014",
        "LeakyReLU slope out of range",
        "NegativeSlope must be in [0, 1), but is {0}");

    public static readonly DiagnosticDescriptor SoftmaxOnSingleUnit = new(
        "SNET0015",
        "Softmax over a single unit",
        "Softmax over one unit always outputs 1, so '{0}' cannot learn anything; use Sigmoid for one output",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TooLarge = Error(
        "SNET0016",
        "Network too large",
        "The network '{0}' has {1} parameters; StaticNet supports at most {2} (one flat float array holds them)");

    public static readonly DiagnosticDescriptor StrategyDoesNotFit = new(
        "SNET0017",
        "Requested code strategy does not fit a layer",
        "Strategy {0} cannot write '{1}' ({2} × {3}) inside the per-method budget that keeps the JIT optimising; it is written as {4} instead",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidRegularization = Error(
        "SNET0018",
        "Regularisation factor out of range",
        "{0} must be a finite number ≥ 0, but is {1}");

    public static readonly DiagnosticDescriptor InvalidDropoutRate = Error(
        "SNET0019",
        "Dropout rate out of range",
        "The dropout rate of '{0}' must be in [0, 1), but is {1}");

    public static readonly DiagnosticDescriptor InvalidBatchNormalizationFactor = Error(
        "SNET0020",
        "BatchNormalization factor out of range",
        "{0} of '{1}' must be {2}, but is {3}");

    public static readonly DiagnosticDescriptor FileLocalNetwork = Error(
        "SNET0022",
        "Network cannot be file-local",
        "The network '{0}' is file-local ('{1}' is declared 'file'); generated code lives in a file of its own and cannot extend it: remove the 'file' modifier (use 'internal' to keep it out of the public API)");

    public static readonly DiagnosticDescriptor NameIsGeneratedMember = Error(
        "SNET0023",
        "Network class named like a generated member",
        "The network class '{0}' has the name of a member StaticNet generates in it, and a C# member cannot share its class's name: rename the class");

    public static readonly DiagnosticDescriptor MemberCollision = Error(
        "SNET0024",
        "Member collides with a generated member",
        "'{0}' in '{1}' is a member StaticNet generates: rename it (or remove it)");

    public static readonly DiagnosticDescriptor PrimaryConstructor = Error(
        "SNET0025",
        "Network class has a primary constructor",
        "The network '{0}' has a primary constructor, which the generated constructors {0}() and {0}(int seed) would have to call: remove the parameter list and declare those values as members");

    public static readonly DiagnosticDescriptor BaseWithoutParameterlessConstructor = Error(
        "SNET0026",
        "Base class has no parameterless constructor",
        "The network '{0}' derives from '{1}', which has no accessible parameterless constructor for the generated constructors to call: add one to '{1}', or do not derive from it");

    public static readonly DiagnosticDescriptor DerivesFromNetwork = Error(
        "SNET0027",
        "Network derives from another network",
        "The network '{0}' derives from the network '{1}'; their generated members would hide each other: derive from neither, and hold one network in the other instead");

    public static readonly DiagnosticDescriptor ShapeWithoutNetwork = new(
        "SNET0028",
        "Shape attribute without [Network]",
        "'{0}' has [{1}] but no [Network] attribute, so StaticNet generates nothing for it: add [Network(Loss.…)]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NegativeSlopeIgnored = new(
        "SNET0029",
        "NegativeSlope without LeakyReLU",
        "'{0}' sets NegativeSlope, which only Activation.LeakyReLU uses; its activation is {1}, so the value is ignored",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TooManyLayers = Error(
        "SNET0030",
        "Network has too many layers",
        "The network '{0}' declares {1} layers; StaticNet supports at most {2}, which keeps its generated source near 1 MB and its build fast");

    public static readonly DiagnosticDescriptor InvalidNoiseStddev = Error(
        "SNET0031",
        "Noise standard deviation out of range",
        "The standard deviation of '{0}' must be a finite number ≥ 0, but is {1}");

    public static readonly DiagnosticDescriptor DenseNeedsFlatInput = Error(
        "SNET0032",
        "Dense on an image",
        "'{0}' receives samples of shape {1}; Dense takes a flat vector or a sequence (each step), so add [Flatten] before it (StaticNet never flattens silently)");

    public static readonly DiagnosticDescriptor InvalidWindow = Error(
        "SNET0033",
        "Window size, stride or dilation out of range",
        "{0} of '{1}' must be at least {2}, but is {3}");

    public static readonly DiagnosticDescriptor NeedsImage = Error(
        "SNET0034",
        "2-D layer without an image input",
        "'{0}' takes images (height × width × channels) but receives samples of shape {1}; declare [Input(height, width, channels)]");

    public static readonly DiagnosticDescriptor EmptyWindowOutput = Error(
        "SNET0035",
        "Window larger than its input",
        "'{0}' slides a {1} window over {2} with Padding.Valid, which leaves no output; use Padding.Same or a smaller window");

    public static readonly DiagnosticDescriptor StridesWithDilation = Error(
        "SNET0036",
        "Strides and dilation both above 1",
        "'{0}' sets strides {1} and dilation rate {2}; Keras refuses both above 1, so set one of them to 1");

    public static readonly DiagnosticDescriptor SoftmaxOnImage = Error(
        "SNET0037",
        "Softmax over an image",
        "'{0}' applies Softmax to outputs of shape {1}; add [Flatten] and a Dense layer with Activation.Softmax instead");

    public static readonly DiagnosticDescriptor NeedsSequence = Error(
        "SNET0038",
        "1-D layer without a sequence input",
        "'{0}' takes sequences (steps × channels) but receives samples of shape {1}; declare [Input(steps, channels)]");

    public static readonly DiagnosticDescriptor InvalidTranslationFactor = Error(
        "SNET0039",
        "Translation factor out of range",
        "The {0} factor of '{1}' must be in [0, 1] (a fraction of the image's {0}), but is {2}");

    public static readonly DiagnosticDescriptor InvalidFillValue = Error(
        "SNET0040",
        "Fill value not finite",
        "The fill value of '{0}' must be a finite float, but is {1}");

    public static readonly DiagnosticDescriptor InvalidHuberDelta = Error(
        "SNET0041",
        "Huber delta out of range",
        "HuberDelta must be a finite number > 0 that a float can hold, but is {0}");

    public static readonly DiagnosticDescriptor ActivationNeedsOwnLayer = Error(
        "SNET0043",
        "Activation needs its own layer",
        "'{0}' applies {1}, whose derivative needs the pre-activation, which this layer's fused code does not keep; declare the layer without an activation and add [Activation(Activation.{1})] after it (the same network in Keras)");

    public static readonly DiagnosticDescriptor ActivationNotOutput = Error(
        "SNET0044",
        "Activation cannot end the network",
        "{0} cannot be the network's output activation: the loss carries the gradient through the output alone, and {0}'s derivative needs its input; apply it before the last layer");

    public static readonly DiagnosticDescriptor EmbeddingNotFirst = Error(
        "SNET0045",
        "Embedding not first",
        "'{0}' looks up token ids, which only the network's input holds: declare it first, straight after [Input(steps)]");

    public static readonly DiagnosticDescriptor EmbeddingNeedsTokens = Error(
        "SNET0046",
        "Embedding without a sequence of token ids",
        "'{0}' reads one token id per step, [Input(steps)], but receives samples of shape {1}");

    public static readonly DiagnosticDescriptor RecurrentActivationNotSupported = Error(
        "SNET0047",
        "Activation not available in a recurrent layer",
        "'{0}' cannot use {1} as its {2}: backpropagation through time takes each activation's derivative from its output, which {1} does not allow; use Tanh, Sigmoid, ReLU, HardSigmoid or another");

    public static readonly DiagnosticDescriptor SequenceSoftmaxOutput = Error(
        "SNET0048",
        "Softmax output on every step",
        "'{0}' ends the network with a softmax on each step of its {1} input, a label per step, which the losses do not read yet; pool the steps ([GlobalAveragePooling1D]), return the last state, or [Flatten] first");

    public static readonly DiagnosticDescriptor MaskNotSupported = Error(
        "SNET0049",
        "A mask reaches a layer that cannot use it",
        "'{0}' receives the padding mask of {1} (MaskZero), which it cannot apply; consume the mask first with a recurrent layer or [GlobalAveragePooling1D], or set MaskZero = false");

    public static readonly DiagnosticDescriptor HuberDeltaIgnored = new(
        "SNET0042",
        "HuberDelta without the Huber loss",
        "HuberDelta is set, but the network is trained on {0}, which does not use it; the value is ignored",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    /// <summary>Every descriptor above, in ID order: what the analyzer declares it reports.</summary>
    /// <remarks>Declared after them, so static initialisation has set them (in textual order) before this runs.</remarks>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = typeof(DiagnosticDescriptors).GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
