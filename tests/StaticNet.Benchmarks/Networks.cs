using StaticNet;

// The benchmark networks (docs/benchmarks.md). Hidden layers use ReLU, classifiers a softmax output.
namespace StaticNet.Benchmarks;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(4)]
[Dense(10, Activation.ReLU)]
[Dense(10, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisNet;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(64)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Digits64Net;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(64)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Digits128Net;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class MnistNet;

[Network(Loss.MeanSquaredError)]
[Input(32)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(1)]
public partial class DeepNarrowNet;

// RTNeural-compare's protocol: one Dense N×N layer (no activation), batch 1.
[Network(Loss.MeanSquaredError)]
[Input(4)]
[Dense(4)]
public partial class Dense4Net;

[Network(Loss.MeanSquaredError)]
[Input(8)]
[Dense(8)]
public partial class Dense8Net;

[Network(Loss.MeanSquaredError)]
[Input(16)]
[Dense(16)]
public partial class Dense16Net;

[Network(Loss.MeanSquaredError)]
[Input(32)]
[Dense(32)]
public partial class Dense32Net;

[Network(Loss.MeanSquaredError)]
[Input(64)]
[Dense(64)]
public partial class Dense64Net;

// The layer kinds beyond Dense, on the Digits 64-128-10 network (docs/benchmarks.md, "Layer kinds").
[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(64)]
[Dense(128, Activation.ReLU)]
[Dropout(0.2)]
[Dense(10, Activation.Softmax)]
public partial class Digits128DropoutNet;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(64)]
[Dense(128, Activation.ReLU)]
[BatchNormalization]
[Dense(10, Activation.Softmax)]
public partial class Digits128BatchNormNet;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(64)]
[Dense(128, Activation.ReLU, L2 = 1e-4)]
[Dense(10, Activation.Softmax, L2 = 1e-4)]
public partial class Digits128L2Net;

[Network(Loss.SparseCategoricalCrossEntropy)]
[Input(64)]
[Dense(128, Activation.ReLU, L2 = 1e-4)]
[BatchNormalization]
[Dropout(0.2)]
[Dense(10, Activation.Softmax, L2 = 1e-4)]
public partial class Digits128AllNet;
