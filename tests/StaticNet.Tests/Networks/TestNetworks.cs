using StaticNet;

// Networks that cover every activation (hidden and output), every loss, widths 1 and odd sizes, depth 1 to 5, and every
// code strategy: by default layers of 8 units or more get SIMD across units (with an overlapping last block when the
// units are not a multiple of 8) and smaller ones unrolled scalar code; the Loop… and Unrolled… networks force theirs.
namespace StaticNet.Tests.Networks;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(4)]
[Dense(10, Activation.ReLU)]
[Dense(10, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisNet;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1)]
public partial class SingleUnitNet;

[Network(Loss.MeanSquaredError)]
[Input(3)]
[Dense(7, Activation.ReLU)]
[Dense(1, Activation.Linear)]
public partial class MseLinearNet;

[Network(Loss.MeanSquaredError)]
[Input(5)]
[Dense(3, Activation.Tanh)]
[Dense(3, Activation.ReLU)]
public partial class MseReLUNet;

[Network(Loss.MeanSquaredError)]
[Input(2)]
[Dense(7, Activation.LeakyReLU, NegativeSlope = 0.1f)]
[Dense(2, Activation.LeakyReLU)]
public partial class MseLeakyReLUNet;

[Network(Loss.MeanSquaredError)]
[Input(4)]
[Dense(1, Activation.Sigmoid)]
[Dense(3, Activation.Sigmoid)]
public partial class MseSigmoidNet;

[Network(Loss.MeanSquaredError)]
[Input(3)]
[Dense(5, Activation.Linear)]
[Dense(2, Activation.Tanh)]
public partial class MseTanhNet;

[Network(Loss.MeanSquaredError)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
public partial class MseSoftmaxNet;

[Network(Loss.BinaryCrossEntropy)]
[Input(6)]
[Dense(7, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class BinaryNet;

[Network(Loss.BinaryCrossEntropy)]
[Input(3)]
[Dense(5, Activation.LeakyReLU)]
[Dense(4, Activation.Sigmoid)]
public partial class MultiLabelNet;

[Network(Loss.CategoricalCrossEntropy)]
[Input(4)]
[Dense(7, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
public partial class CategoricalNet;

[Network(Loss.MeanSquaredError)]
[Input(3)]
[Dense(3, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
[Dense(1)]
public partial class DeepNet;

/// <summary>Row loops (33×17, 17×19) feeding an unrolled softmax layer.</summary>
[Network(Loss.SparseCategoricalCrossEntropy, Strategy = CodeStrategy.Loop)]
[Input(33)]
[Dense(17, Activation.ReLU)]
[Dense(19, Activation.Tanh)]
[Dense(5, Activation.Softmax)]
public partial class LoopClassifierNet;

/// <summary>Row loops through LeakyReLU, Sigmoid and Linear hidden layers, then an unrolled sigmoid output.</summary>
[Network(Loss.BinaryCrossEntropy, Strategy = CodeStrategy.Loop)]
[Input(20)]
[Dense(17, Activation.LeakyReLU)]
[Dense(16, Activation.Sigmoid)]
[Dense(17, Activation.Linear)]
[Dense(2, Activation.Sigmoid)]
public partial class LoopBinaryNet;

/// <summary>A row-loop softmax output layer of 33 units with one-hot targets.</summary>
[Network(Loss.CategoricalCrossEntropy, Strategy = CodeStrategy.Loop)]
[Input(30)]
[Dense(9, Activation.Tanh)]
[Dense(33, Activation.Softmax)]
public partial class LoopCategoricalNet;

/// <summary>A single row-loop layer (no previous layer to propagate into) with a sigmoid output under MSE.</summary>
[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Loop)]
[Input(16)]
[Dense(17, Activation.Sigmoid)]
public partial class LoopRegressionNet;

/// <summary>A row-loop ReLU output under MSE, and an unrolled Linear hidden layer.</summary>
[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Loop)]
[Input(8)]
[Dense(32, Activation.Linear)]
[Dense(9, Activation.ReLU)]
public partial class LoopReLUOutputNet;

/// <summary>MSE through a row-loop LeakyReLU and Tanh output.</summary>
[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Loop)]
[Input(12)]
[Dense(24, Activation.LeakyReLU)]
[Dense(11, Activation.Tanh)]
public partial class LoopTanhOutputNet;

/// <summary>The Iris shape with every layer forced to unrolled scalar code (by default its 10-unit layers get SIMD).</summary>
[Network(Loss.SparseCategoricalCrossEntropy, Strategy = CodeStrategy.Unrolled)]
[Input(4)]
[Dense(10, Activation.ReLU)]
[Dense(10, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class UnrolledIrisNet;

/// <summary>Unrolled scalar code through LeakyReLU, Sigmoid, Tanh and Linear hidden layers.</summary>
[Network(Loss.MeanSquaredError, Strategy = CodeStrategy.Unrolled)]
[Input(5)]
[Dense(9, Activation.LeakyReLU)]
[Dense(9, Activation.Sigmoid)]
[Dense(9, Activation.Tanh)]
[Dense(8, Activation.Linear)]
[Dense(2, Activation.Tanh)]
public partial class UnrolledMixedNet;

/// <summary>SIMD across units through every hidden activation, blocks of 8 with overlaps (units 9, 17, 12, 8, 16).</summary>
[Network(Loss.CategoricalCrossEntropy, Strategy = CodeStrategy.Simd)]
[Input(6)]
[Dense(9, Activation.LeakyReLU)]
[Dense(17, Activation.Sigmoid)]
[Dense(12, Activation.Tanh)]
[Dense(8, Activation.Linear)]
[Dense(16, Activation.ReLU)]
[Dense(11, Activation.Softmax)]
public partial class SimdMixedNet;

/// <summary>Wide enough (70 and 61 units: 9 and 8 blocks) for the mini-batch step's looped register tiles.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(9)]
[Dense(70, Activation.ReLU)]
[Dense(61, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class WideBatchNet;

/// <summary>IrisNet's widths with other activations: its parameter file must not load into IrisNet.</summary>
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(4)]
[Dense(10, Activation.Tanh)]
[Dense(10, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class IrisTanhNet;

/// <summary>IrisNet's layers with another loss: its parameter file must not load into IrisNet.</summary>
[Network(Loss.CategoricalCrossEntropy)]
[Input(4)]
[Dense(10, Activation.ReLU)]
[Dense(10, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisOneHotNet;
