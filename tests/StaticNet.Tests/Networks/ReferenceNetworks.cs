using StaticNet;

// The networks of tests/reference/make_fixtures.py, declared here so the generator compiles them; each fixture names its
// class, and the agreement test first checks the declared shape equals the fixture's. The Iris fixtures use IrisNet
// (Networks/TestNetworks.cs).
namespace StaticNet.Tests.Networks;

[Network(Loss.MeanSquaredError)]
[Input(3)]
[Dense(7, Activation.Linear)]
[Dense(1, Activation.Linear)]
public partial class RefHiddenLinearNet;

[Network(Loss.MeanSquaredError)]
[Input(5)]
[Dense(17, Activation.LeakyReLU, NegativeSlope = 0.2f)]
[Dense(3, Activation.LeakyReLU, NegativeSlope = 0.1f)]
public partial class RefHiddenLeakyReLUNet;

[Network(Loss.BinaryCrossEntropy)]
[Input(7)]
[Dense(33, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class RefHiddenSigmoidNet;

[Network(Loss.CategoricalCrossEntropy)]
[Input(3)]
[Dense(64, Activation.Tanh)]
[Dense(7, Activation.Softmax)]
public partial class RefHiddenTanhNet;

[Network(Loss.MeanSquaredError)]
[Input(4)]
[Dense(3, Activation.ReLU)]
[Dense(2, Activation.Linear)]
public partial class RefOutputLinearNet;

[Network(Loss.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.ReLU)]
public partial class RefOutputReLUNet;

[Network(Loss.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.ReLU)]
[Dense(3, Activation.Sigmoid)]
public partial class RefOutputSigmoidNet;

[Network(Loss.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Tanh)]
public partial class RefOutputTanhNet;

[Network(Loss.MeanSquaredError)]
[Input(4)]
[Dense(5, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class RefOutputSoftmaxNet;

[Network(Loss.MeanSquaredError)]
[Input(1)]
[Dense(1, Activation.Tanh)]
[Dense(1, Activation.Linear)]
public partial class RefWidth1Net;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(64)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class RefWidth64Net;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(5)]
[Dense(3, Activation.Softmax)]
public partial class RefDepth1Net;

[Network(Loss.MeanSquaredError)]
[Input(6)]
[Dense(9, Activation.Tanh)]
[Dense(9, Activation.Tanh)]
[Dense(9, Activation.Tanh)]
[Dense(1, Activation.Linear)]
public partial class RefDepth4Net;

[Network(Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(17, Activation.Tanh)]
[Dense(17, Activation.ReLU)]
[Dense(17, Activation.LeakyReLU, NegativeSlope = 0.2f)]
[Dense(17, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class RefDepth5Net;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(2)]
[Dense(3, Activation.Softmax)]
public partial class RefExtremeSoftmaxNet;

[Network(Loss.CategoricalCrossEntropy)]
[Input(2)]
[Dense(4, Activation.Softmax)]
public partial class RefExtremeCategoricalNet;

[Network(Loss.BinaryCrossEntropy)]
[Input(2)]
[Dense(2, Activation.Sigmoid)]
public partial class RefExtremeSigmoidNet;

[Network(Loss.MeanSquaredError)]
[Input(3)]
[Dense(7, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class RefExtremeTanhNet;

// The layer-kind fixtures of tests/reference/layer_fixtures.py.
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(5)]
[Dense(11, Activation.ReLU)]
[Dropout(0.4)]
[Dense(7, Activation.Tanh)]
[Dropout(0.25)]
[Dense(3, Activation.Softmax)]
public partial class RefDropoutNet;

[Network(Loss.MeanSquaredError)]
[Input(4)]
[Dense(9, Activation.Tanh)]
[BatchNormalization]
[Dense(5, Activation.ReLU)]
[BatchNormalization(Momentum = 0.9, Epsilon = 0.01)]
[Dense(2)]
public partial class RefBatchNormNet;

[Network(Loss.BinaryCrossEntropy)]
[Input(6)]
[Dense(13, Activation.ReLU, L2 = 0.01)]
[Dense(5, Activation.Tanh, L1 = 0.003, L2 = 0.001)]
[Dense(1, Activation.Sigmoid, L1 = 0.002)]
public partial class RefRegularizedNet;

[Network(Loss.CategoricalCrossEntropy)]
[Input(10)]
[Dense(17, Activation.Tanh, L2 = 1e-3)]
[BatchNormalization]
[Dropout(0.3)]
[Dense(6, Activation.Softmax)]
public partial class RefCombinedNet;

[Network(Loss.MeanAbsoluteError)]
[Input(4)]
[Dense(5, Activation.ReLU)]
[Dense(3, Activation.Linear)]
public partial class RefMaeNet;

/// <summary>δ 0.5 (Keras's default is 1), so that the fixture's errors fall on both sides of it.</summary>
[Network(Loss.Huber, HuberDelta = 0.5)]
[Input(4)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Linear)]
public partial class RefHuberNet;

[Network(Loss.LogCosh)]
[Input(4)]
[Dense(6, Activation.LeakyReLU)]
[Dense(3, Activation.Tanh)]
public partial class RefLogCoshNet;

[Network(Loss.LogCosh)]
[Input(3)]
[Dense(4, Activation.ReLU)]
[Dense(2, Activation.Linear)]
public partial class RefLogCoshLinearNet;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(5)]
[Dense(9, Activation.ELU)]
[Dense(3, Activation.Softmax)]
public partial class RefHiddenEluNet;

[Network(Loss.MeanSquaredError)]
[Input(6)]
[Dense(17, Activation.SELU, KernelInitializer = Initializer.LecunNormal)]
[Dense(2, Activation.Linear)]
public partial class RefHiddenSeluNet;

[Network(Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(33, Activation.Softplus)]
[Dense(1, Activation.Sigmoid)]
public partial class RefHiddenSoftplusNet;

/// <summary>A hard sigmoid hidden layer and an ELU output under mean squared error.</summary>
[Network(Loss.MeanSquaredError)]
[Input(4)]
[Dense(12, Activation.HardSigmoid)]
[Dense(3, Activation.ELU)]
public partial class RefHiddenHardSigmoidNet;

[Network(Loss.MeanSquaredError)]
[Input(3)]
[Dense(7, Activation.SELU)]
[Dense(2, Activation.Softplus)]
public partial class RefOutputSoftplusNet;
