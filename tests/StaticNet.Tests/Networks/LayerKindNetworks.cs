using StaticNet;

// Networks with the layer kinds beyond Dense: dropout, batch normalisation and kernel regularisation, at odd widths, in
// every position that has its own code path.
namespace StaticNet.Tests.Networks;

/// <summary>Dropout after a ReLU and after a Tanh layer, a sparse softmax output.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(5)]
[Dense(13, Activation.ReLU)]
[Dropout(0.3)]
[Dense(9, Activation.Tanh)]
[Dropout(0.5)]
[Dense(3, Activation.Softmax)]
public partial class DropoutNet;

/// <summary>Batch normalisation after a linear Dense and after a ReLU one (with its own momentum and epsilon), an MSE output.</summary>
[Network(Loss.MeanSquaredError)]
[Input(6)]
[Dense(11)]
[BatchNormalization]
[Dense(7, Activation.ReLU)]
[BatchNormalization(Momentum = 0.9, Epsilon = 1e-2)]
[Dense(2)]
public partial class BatchNormNet;

/// <summary>L2, L1 and both on kernels; binary cross-entropy.</summary>
[Network(Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(9, Activation.ReLU, L2 = 0.01)]
[Dense(6, Activation.Tanh, L1 = 0.005, L2 = 0.002)]
[Dense(1, Activation.Sigmoid, L1 = 0.01)]
public partial class RegularizedNet;

/// <summary>All three together, wide enough for the 512-bit twins and a transposed kernel.</summary>
[Network(Loss.CategoricalCrossEntropy)]
[Input(12)]
[Dense(24, Activation.LeakyReLU, L2 = 1e-3)]
[BatchNormalization]
[Dropout(0.25)]
[Dense(17, Activation.Sigmoid)]
[Dense(5, Activation.Softmax)]
public partial class CombinedNet;

/// <summary>Dropout at rate 0 (the identity even in training) and dropout as the last layer.</summary>
[Network(Loss.MeanSquaredError)]
[Input(3)]
[Dense(8, Activation.Tanh)]
[Dropout(0)]
[Dense(4)]
[Dropout(0.2)]
public partial class DropoutEdgesNet;

/// <summary>
/// 32,000 hidden units from one input: a training tile of it overflowed a 1 MiB stack when steps kept their scratch on
/// the stack, and its Forward's scratch (128 KB) is above the stack budget.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(32000, Activation.ReLU)]
[Dense(1)]
public partial class WideSingleInputNet;

/// <summary>
/// A LeakyReLU Dense layer before a final dropout: in inference the Dense layer runs last but applies its own activation
/// (the network ends linearly), so its input gradient goes through the activation (skipping it was 5× off below zero).
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(4)]
[Dense(7, Activation.Tanh)]
[Dense(5, Activation.LeakyReLU)]
[Dropout(0.3)]
public partial class LeakyReLUDropoutOutputNet;

/// <summary>Keras's <c>Dense(1)</c> then <c>Activation("sigmoid")</c>, with binary cross-entropy: the sigmoid is the network's.</summary>
[Network(Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(6, Activation.Tanh)]
[Dense(1)]
[Activation(Activation.Sigmoid)]
public partial class SigmoidLayerNet;

/// <summary>The same network as <see cref="SigmoidLayerNet"/> with the sigmoid declared on the Dense layer.</summary>
[Network(Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(6, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class SigmoidDenseNet;

/// <summary>Activation layers first (on the raw features), between Dense layers, and last (a Softmax output).</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(5)]
[Activation(Activation.Tanh)]
[Dense(8)]
[Activation(Activation.LeakyReLU, NegativeSlope = 0.1)]
[Dense(3)]
[Activation(Activation.Softmax)]
public partial class ActivationLayersNet;

/// <summary>Batch normalisation of the raw features, as Keras allows, then a Softmax layer.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(4)]
[BatchNormalization]
[Dense(3, Activation.Softmax)]
public partial class InputNormalizationNet;

/// <summary>Gaussian noise on the inputs and on a hidden layer, an MSE output.</summary>
[Network(Loss.MeanSquaredError)]
[Input(4)]
[GaussianNoise(0.5)]
[Dense(6, Activation.ReLU)]
[GaussianNoise(0.2)]
[Dense(2)]
public partial class NoiseNet;

/// <summary>Dropout on the raw features (Keras's input dropout), then Gaussian noise as the last layer.</summary>
[Network(Loss.MeanSquaredError)]
[Input(3)]
[Dropout(0.2)]
[Dense(4, Activation.Tanh)]
[GaussianNoise(0.1)]
public partial class InputDropoutNoiseOutputNet;

/// <summary><see cref="ActivationLayersNet"/> with ReLU in place of its LeakyReLU layer: the same parameters, another network.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(5)]
[Activation(Activation.Tanh)]
[Dense(8)]
[Activation(Activation.ReLU)]
[Dense(3)]
[Activation(Activation.Softmax)]
public partial class ActivationLayersTwinNet;

/// <summary>
/// An image input (3 × 4 × 2, channels last): batch normalisation per channel over the batch and every pixel, an
/// element-wise activation on the image, then Flatten before the Dense output.
/// </summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(3, 4, 2)]
[BatchNormalization(Momentum = 0.9)]
[Activation(Activation.Tanh)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ImageNormalizationNet;

/// <summary>A sequence input (5 steps × 3 channels), a Dense layer after Flatten, then batch normalisation per feature.</summary>
[Network(Loss.MeanSquaredError)]
[Input(5, 3)]
[Flatten]
[Dense(6, Activation.ReLU)]
[BatchNormalization]
[Dense(2)]
public partial class SequenceFlattenNet;

/// <summary>
/// ELU, SELU, Softplus and HardSigmoid in every kind that takes an activation: a convolution, standalone Activation layers
/// (first, on the raw image, and between Dense layers), a Dense layer wide enough for the vector paths, and the output.
/// </summary>
[Network(Loss.MeanSquaredError)]
[Input(5, 5, 1)]
[Activation(Activation.SELU)]
[Conv2D(3, 3, 3, Activation.ELU)]
[Flatten]
[Dense(9)]
[Activation(Activation.Softplus)]
[Dense(17, Activation.HardSigmoid)]
[Dense(3, Activation.SELU)]
public partial class ExponentialActivationsNet;

/// <summary>GELU (on the raw features, first), SiLU and GELU's tanh form, each a standalone Activation layer before the last.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(7)]
[Activation(Activation.GELU)]
[Dense(19)]
[Activation(Activation.SiLU)]
[Dense(9)]
[Activation(Activation.GELUTanh)]
[Dense(3, Activation.Softmax)]
public partial class SmoothActivationsNet;
